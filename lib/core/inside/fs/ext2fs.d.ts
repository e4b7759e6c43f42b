// The parts of npm `ext2fs` (WebAssembly libext2fs) this reader uses; the package ships no types.
declare module 'ext2fs' {
  export interface Ext2Disk {
    read(buffer: Buffer, bufferOffset: number, length: number, fileOffset: number): Promise<{ bytesRead: number; buffer: Buffer }>;
    write(buffer: Buffer, bufferOffset: number, length: number, fileOffset: number): Promise<{ bytesWritten: number; buffer: Buffer }>;
    discard(offset: number, length: number): Promise<void>;
    flush(): Promise<void>;
  }
  export interface Ext2Stats {
    mode: number;
    size: number;
    isFile(): boolean;
    isDirectory(): boolean;
    isSymbolicLink(): boolean;
  }
  export interface Ext2FileHandle {
    fd: number;
  }
  export interface Ext2Promises {
    constants: { O_RDONLY: number; O_NOFOLLOW: number };
    open(path: string, flags: number, mode?: number): Promise<Ext2FileHandle>;
    close(fd: number): Promise<void>;
    read(fd: number, buffer: Buffer, offset: number, length: number, position: number): Promise<{ bytesRead: number }>;
    fstat(fd: number): Promise<Ext2Stats>;
    lstat(path: string): Promise<Ext2Stats>;
    readdir(path: string): Promise<string[]>;
    readlink(path: string): Promise<string>;
  }
  export interface Ext2Fs {
    promises: Ext2Promises;
  }
  export function mount(disk: Ext2Disk, offset?: number): Promise<Ext2Fs>;
  export function umount(fs: Ext2Fs): Promise<void>;
}
