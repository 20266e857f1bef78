#pragma once

#include "core/db/Job.h"
#include "core/statement/Statement.h"

#include <QDateTime>
#include <QString>

// The statement view's work, as a job for a worker.
namespace StatementJobs {

// StatementQuery::read: since inclusive, until exclusive (UTC), either invalid for no bound.
Job<Statement> read(QString userId, QDateTime since, QDateTime until);

} // namespace StatementJobs
