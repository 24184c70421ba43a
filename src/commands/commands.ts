/**
 * The ribbon's FunctionFile. The only button opens the task pane (ShowTaskpane), which needs no handler;
 * the page must still load office.js and signal that it is ready.
 */
Office.onReady(() => undefined);
