#pragma once

#include "core/db/Job.h"
#include "core/import/DemoGenerator.h"

// The main window's import work, as jobs for a worker.
namespace ImportJobs {

// Fills an empty ledger with demo data; returns the number of transactions made, 0 when the
// ledger already had some (it is left as it was). progress(done, total); returning false cancels.
Job<qint64> demoData(DemoOptions options, DemoGenerator::Progress progress);

} // namespace ImportJobs
