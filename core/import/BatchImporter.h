#pragma once

#include "core/domain/Result.h"
#include "core/import/ImportReport.h"

#include <functional>
#include <vector>

#include <QCoreApplication>

class Database;

// Applies an import (legacy totals or adjustments) as one batch: a dry run checks everything
// against the database and reports what would happen, changing nothing; a real run writes the
// whole batch in one transaction or nothing at all:
// - refused when any row has a problem (every problem is listed, with its line and value);
// - a file is applied once: its SHA-256 is recorded with the batch, and a second import of the
//   same bytes changes nothing and says so;
// - every row written is one "UserXP" row and one audit event with its full snapshot, sharing
//   the batch id as operation id; the totals of the users in the batch are recalculated from
//   SUM, and the grand total after is checked against the one expected before it commits.
// A legacy total is for a user with no transactions yet; it becomes one MANUAL_ADJUSTMENT /
// MANUAL transaction whose sourceId is the batch id. Zero totals write nothing. An adjustment
// above the approval threshold is not applied: it becomes a pending request (ApprovalGate), in
// the same all-or-nothing transaction, for another person to approve.
class BatchImporter final
{
    Q_DECLARE_TR_FUNCTIONS(BatchImporter)

public:
    enum class Phase { Reading, Checking, Writing };
    // progress(phase, done, total) now and then; returning false cancels (nothing is changed).
    using Progress = std::function<bool(Phase, qint64, qint64)>;
    // Rows between two progress reports while checking and writing.
    static constexpr qint64 ProgressStep = 2048;

    explicit BatchImporter(Database &db) : m_db(db) { }

    Result<ImportReport> importFile(ImportKind kind, const QString &path, bool dryRun, const Progress &progress = {});
    // Every "UserProfile"."totalXP" with no transactions behind it becomes one transaction.
    Result<ImportReport> importProfiles(bool dryRun, const Progress &progress = {});

private:
    // Checks the batch (ImportPlanner), then, for a real run without problems, writes it
    // (ImportWriter), in one write transaction.
    Result<ImportReport> run(ImportReport report, std::vector<ImportEntry> entries, const Progress &progress);
    Result<QString> previousBatch(const QString &sha256);
    Result<std::vector<ImportEntry>> profilesWithoutTransactions();

    Database &m_db;
};
