#pragma once

#include <array>

// The keys of the PostgreSQL advisory locks XP Admin takes, in one place: one key taken for two
// purposes makes unrelated transactions wait for each other, and where one takes it before the
// audit log's lock and the other after, deadlock.
namespace AdvisoryLocks {

constexpr int Schema = 7364281; // creating and upgrading XP Admin's tables
constexpr int AuditLog = 7364282; // appending to the hash chain (and sealing capture's records)
constexpr int UserTotal = 7364283; // with hashtext(user): one user's transactions and total
constexpr int Installs = 7364284; // roles install, capture install and remove
constexpr int Periods = 7364285; // closing a period (exclusive) against dated writes (shared)
constexpr int RollupFold = 7364286; // building and folding PostgreSQL's chart rollups
constexpr int PersonLimit = 7364297; // with hashtext(person): one person's limit per day

constexpr std::array All{Schema, AuditLog, UserTotal, Installs, Periods, RollupFold, PersonLimit};

constexpr bool allDistinct()
{
    for (std::size_t i = 0; i < All.size(); ++i)
        for (std::size_t j = i + 1; j < All.size(); ++j)
            if (All[i] == All[j])
                return false;
    return true;
}
static_assert(allDistinct(), "two advisory locks share a key");

} // namespace AdvisoryLocks
