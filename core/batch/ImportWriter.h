#pragma once

#include "BatchImporter.h"

struct AuditEvent;
struct PendingAdjustment;

// The writing half of an import, for a batch ImportPlanner found no problem in: the batch's
// record, the users it creates, one "UserXP" row and one audit event a row (with its snapshot),
// the held requests, then every touched total from SUM, checked against the grand total the
// plan expected. Runs inside the importer's write transaction.
class ImportWriter final
{
public:
    explicit ImportWriter(Database &db) : m_db(db) { }

    Status apply(ImportReport &report, const std::vector<ImportEntry> &entries, const std::vector<bool> &create,
                 const QList<PendingAdjustment> &held, const BatchImporter::Progress &progress);

private:
    // Appends the events gathered so far once there are enough of them (or all, at the end).
    Status flushEvents(QList<AuditEvent> &events, bool all);

    Database &m_db;
};
