// Public surface of the resource model; filled by the modules beside this file.
export {};
