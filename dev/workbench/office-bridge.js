/**
 * Workbench only. Served in place of Microsoft's office.js in the production taskpane.html (see server.js):
 * hands the pane the parent page's simulated Excel (same origin), so the pane's own bundle runs untouched
 * against the workbook shown beside it. Opened on its own, the pane says where the workbench is.
 *
 * The pane loads beside the workbench's script, not after it (workbench.html): when the simulator is not
 * there yet, `Office.onReady` waits for the workbench's "nianbao-sim" event, as office.js waits for Excel.
 */
(function () {
  var workbench;
  try {
    var frame = window.frameElement;
    workbench = frame && frame.hasAttribute("data-workbench-pane") ? window.parent : undefined;
  } catch {
    workbench = undefined; // another origin: no simulated Excel to borrow
  }
  function install(sim) {
    window.Office = sim.Office;
    window.Excel = sim.Excel;
    window.OfficeExtension = sim.OfficeExtension;
  }
  if (workbench && workbench.__nianbaoSim) {
    install(workbench.__nianbaoSim);
    return;
  }
  if (workbench) {
    var simReady = new Promise(function (resolve) {
      workbench.addEventListener(
        "nianbao-sim",
        function () {
          install(workbench.__nianbaoSim);
          resolve();
        },
        { once: true }
      );
    });
    window.Office = {
      onReady: function (callback) {
        return simReady.then(function () {
          return window.Office.onReady(callback);
        });
      },
    };
    return;
  }
  // Never ready: the pane must not run without a workbook.
  window.Office = {
    onReady: function () {
      return new Promise(function () {});
    },
  };
  document.addEventListener("DOMContentLoaded", function () {
    var p = document.createElement("p");
    p.style.cssText = "font-family:sans-serif;padding:12px";
    p.textContent =
      "这是任务窗格页面，请打开工作台首页 / 使用。 (This is the task pane; open the workbench at /.)";
    document.body.appendChild(p);
  });
})();
