#pragma once

// How the C library's allocator keeps the memory a program frees. Reading a page of rows
// allocates a result and frees it a moment later; glibc by default gives the freed top of its
// heap back to the system at once and takes it again for the next page, a page fault per 4 KiB
// and, across threads, a flush of every core's address cache. Called first thing in main() by
// the window, the command-line tool and the benchmark (which measures what they do).
class HeapTuning final
{
public:
    HeapTuning() = delete;

    // Keeps up to a few tens of MiB of freed memory for reuse instead of returning it at once.
    // Does nothing where the C library is not glibc.
    static void keepFreedMemory();
};
