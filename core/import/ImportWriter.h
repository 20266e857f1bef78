#pragma once

#include "core/audit/AuditLog.h"
#include "core/import/BatchImporter.h"

#include <QCoreApplication>

struct PendingAdjustment;

// The writing half of an import, for a batch ImportPlanner found no problem in: the batch's
// record; then, a slice of rows at a time, the users it creates, one "UserXP" row and one audit
// event a row (with its snapshot) and, when every user is new, their totals; the held requests;
// the other touched totals; and the check that the totals and the rows both come to the grand
// total the plan expected. Rows are written in user-id order (one user's in the file's order).
// Runs inside the importer's write transaction.
class ImportWriter final
{
    Q_DECLARE_TR_FUNCTIONS(ImportWriter)

public:
    explicit ImportWriter(Database &db) : m_db(db) { }

    Status apply(ImportReport &report, const std::vector<ImportEntry> &entries, const std::vector<bool> &create,
                 const QList<PendingAdjustment> &held, const BatchImporter::Progress &progress);

private:
    // Sets the total of every user of the batch whose XP changed, from the sum of their rows.
    Status writeTotals(const QString &now);

    Database &m_db;
};
