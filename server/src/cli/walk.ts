// The file walker lives in the project layer, shared with the language server's workspace scan.
export * from '../project/walk';
