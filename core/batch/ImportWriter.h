#pragma once

#include "BatchImporter.h"
#include "audit/AuditLog.h"

struct PendingAdjustment;

// The writing half of an import, for a batch ImportPlanner found no problem in: the batch's
// record, the users it creates, one "UserXP" row and one audit event a row (with its snapshot),
// the held requests, then every touched total, and the check that the totals and the rows both
// come to the grand total the plan expected. Rows are written in user-id order (one user's in the
// file's order). Runs inside the importer's write transaction.
class ImportWriter final
{
public:
    explicit ImportWriter(Database &db) : m_db(db) { }

    Status apply(ImportReport &report, const std::vector<ImportEntry> &entries, const std::vector<bool> &create,
                 const QList<PendingAdjustment> &held, const BatchImporter::Progress &progress);

private:
    // Seals and writes the events gathered so far once there are enough of them (or all, at the end).
    Status flushEvents(QList<AuditEvent> &events, AuditLog::Tail &tail, bool all);
    // Sets the total of every user of the batch whose XP changed.
    Status writeTotals(const ImportReport &report, const std::vector<ImportEntry> &entries,
                       const std::vector<bool> &create, const std::vector<std::size_t> &order, const QString &now);

    Database &m_db;
};
