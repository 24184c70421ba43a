/**
 * Workbench only. Served in place of Microsoft's office.js in the production taskpane.html (see server.js):
 * hands the pane the parent page's simulated Excel (same origin), so the pane's own bundle runs untouched
 * against the workbook shown beside it. Opened on its own, the pane says where the workbench is.
 */
(function () {
  var sim;
  try {
    sim = window.parent !== window ? window.parent.__nianbaoSim : undefined;
  } catch {
    sim = undefined; // another origin: no simulated Excel to borrow
  }
  if (sim) {
    window.Office = sim.Office;
    window.Excel = sim.Excel;
    window.OfficeExtension = sim.OfficeExtension;
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
