#pragma once

#include "core/csv/CsvTable.h"
#include "core/domain/XpEnums.h"
#include "core/limits/HoldReason.h"
#include "core/limits/PersonLimits.h"
#include "core/reasons/ReasonTag.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

// What a batch brings in: legacy totals from a file or from "UserProfile", or adjustments.
enum class ImportKind { Legacy, Profiles, Adjust };

// One transaction to write (a legacy total or one adjustment), with the line it came from.
struct ImportEntry
{
    qint64 line = 0; // 0 when it comes from the database (--from-profiles)
    QString userId;
    qint64 amount = 0;
    Category category = Category::Manual;
    SourceType sourceType = SourceType::ManualAdjustment;
    QString sourceId; // empty: the batch id
    QString description;
    QString reason; // adjustments: the reason, recorded in the audit log
    ReasonTag reasonTag{}; // adjustments: the reason code and ticket (columns reasonCode, ticket)
    QString email; // legacy: creates the user when missing
    QString name;
};

// How one user's total moves.
struct ImportUserEffect
{
    QString userId;
    qint64 before = 0;
    qint64 change = 0;
    qint64 after = 0;
    bool created = false;
};

// An adjustment above the approval threshold or a limit: not applied, but held as a pending request.
struct ImportHold
{
    qint64 line = 0;
    QString userId;
    qint64 amount = 0;
    QString requestId; // the pending request's id (ApprovalQueue decides it)
    HoldReason heldFor = HoldReason::Threshold;
};

// Everything a dry run or a real run found and did. totalBefore and totalAfter are the grand
// totals of the users in the batch: for a legacy migration, the legacy totals and the ledger's
// totals after it (they must be equal); for adjustments, the totals before and after.
struct ImportReport
{
    static constexpr int MaxEffectsKept = 10000;

    ImportKind kind = ImportKind::Adjust;
    QString batchId;
    QString fileName;
    char separator = ','; // found in the file's header line (CsvSeparator)
    QString sha256;
    bool dryRun = true;
    bool applied = false;
    QString alreadyImported; // set when this file was applied before: "batch …, at …, by …"
    qint64 rowsRead = 0;
    qint64 blankRows = 0;
    qint64 transactions = 0; // rows written (or to be written)
    qint64 zeroTotals = 0; // legacy totals of zero: no row
    qint64 users = 0;
    qint64 usersCreated = 0;
    qint64 totalBefore = 0;
    qint64 totalAfter = 0;
    std::optional<qint64> threshold; // adjustments: the approval threshold they were held against (empty: off)
    qint64 held = 0; // adjustments above it or a limit: pending requests, not in transactions, users or totals
    std::vector<std::optional<HoldReason>> heldFor; // adjustments: per entry, why it waits (none: applied)
    PersonLimits limits; // adjustments: the connected person's, as the batch was checked against
    QList<ImportHold> holds; // the first MaxEffectsKept of them, in file order
    QList<CsvProblem> problems; // the first CsvTable::MaxProblemsKept
    qint64 problemCount = 0;
    QList<ImportUserEffect> effects; // the first MaxEffectsKept users, in file order
    qint64 milliseconds = 0;

    bool hasProblems() const { return problemCount > 0; }
    // Whether a limit of the person (not only the threshold) holds any adjustment of the batch.
    bool heldByLimits() const;
    void addProblem(qint64 line, const QString &message);
    double rowsPerSecond() const;
    QJsonObject toJson() const;
    static QString kindName(ImportKind kind); // "legacy", "profiles", "adjust"
};
