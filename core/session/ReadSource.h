#pragma once

#include <QDateTime>

// Where a reading job read (DatabaseWorker::postRead): the primary, or the reading standby as
// of the time it had replayed the primary's changes up to. A figure read on the standby says so.
struct ReadSource
{
    bool standby = false;
    QDateTime asOf; // UTC; on the standby: its figures hold every change committed by then
};
