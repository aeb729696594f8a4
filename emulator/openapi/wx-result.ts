/** What an openapi answers: a JSON body (errcode 0 or a WeChat error) or binary content. */
export type WxResult = { json: { errcode: number; errmsg: string } & Record<string, unknown> } | { binary: Buffer; contentType: string };
