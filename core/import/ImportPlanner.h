#pragma once

#include "core/import/BatchImporter.h"

#include <QCoreApplication>

struct PendingAdjustment;

// The checking half of an import: stages the batch's rows in a temporary table (xpadmin_import)
// that set-based queries join with "User", "UserProfile" and "UserXP", then checks every row
// against what they found, and fills the report: every problem with its line, each user's
// total before and after, the grand totals. Writes nothing but the temporary table.
class ImportPlanner final
{
    Q_DECLARE_TR_FUNCTIONS(ImportPlanner)

public:
    explicit ImportPlanner(Database &db) : m_db(db) { }

    // Fills create (the entries whose user is to be added) and held (entries above the approval
    // threshold or a limit of the connected person, as pending requests).
    Status plan(ImportReport &report, const std::vector<ImportEntry> &entries, std::vector<bool> &create,
                QList<PendingAdjustment> &held, const BatchImporter::Progress &progress);

private:
    struct UserState;
    // Why each adjustment of the batch waits, if it does (report.heldFor), by the threshold and
    // the connected person's limits (report.limits).
    Status holdRows(ImportReport &report, const std::vector<ImportEntry> &entries);

    Database &m_db;
};
