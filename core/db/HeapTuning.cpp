#include "core/db/HeapTuning.h"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

void HeapTuning::keepFreedMemory()
{
#if defined(__GLIBC__)
    // Setting one of these turns glibc's own adjustment of them off, so all three are set: blocks
    // up to 32 MiB come from the heap (not a mapping of their own, unmapped when freed), the top
    // of a heap is given back only beyond 64 MiB free, and a heap grows 16 MiB at a time.
    mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
    mallopt(M_TRIM_THRESHOLD, 64 * 1024 * 1024);
    mallopt(M_TOP_PAD, 16 * 1024 * 1024);
#endif
}
