/** The usage of `nianbao serve`, apart from the service itself, which the other commands do not load. */
export const SERVE_USAGE = `  nianbao serve [--port 8080] [--host 127.0.0.1] [--data DIR] [--addin-origin https://…] [--trust-proxy]
      接收各单位报送的年报（协议 nianbao/submit@1）并提供管理员总览页面；数据存于 DIR（默认 ./nianbao-data），
      设置 DATABASE_URL 时改用 PostgreSQL。ADDIN_ORIGIN 或 --addin-origin：允许加载项所在的源跨域访问。
  nianbao serve add-agency --data DIR NAME    新建报送单位，最后一行输出其令牌（只显示这一次）
  nianbao serve add-admin --data DIR NAME     新建管理员，最后一行输出其令牌（只显示这一次）
  nianbao serve new-token --data DIR [--admin] NAME   为已有的单位（或管理员）换发令牌，旧令牌随即失效
`;
