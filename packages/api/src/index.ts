// Public surface of the HTTP API contract; filled by the modules beside this file.
export {};
