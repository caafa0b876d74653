/** Builds (when a source is newer) and returns the path of the bundled CLI's entry. */
export declare function ensureBundle(): Promise<string>
export declare const bundleDir: string
