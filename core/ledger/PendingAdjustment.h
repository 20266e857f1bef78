#pragma once

#include "core/domain/XpEnums.h"
#include "core/limits/HoldReason.h"
#include "core/reasons/ReasonTag.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>

class Dialect;
class SqlRows;

// One adjustment held for a second person's approval (xpadmin.pending_adjustment /
// xpadmin_pending_adjustment): what would be applied, who asked, and how it was decided.
struct PendingAdjustment
{
    enum class State { Pending, Approved, Rejected };

    QString id;
    QString userId;
    qint64 amount = 0;
    SourceType sourceType = SourceType::ManualAdjustment;
    QString sourceId; // "adjust-<id>": the transaction it becomes is its own source
    Category category = Category::Manual;
    QString description; // the description of the transaction it becomes
    QString reason; // why it was asked for
    QString requestedBy; // database login (PostgreSQL) or operating-system user (SQLite)
    QString requestedOperator;
    QDateTime requestedAt; // UTC
    State state = State::Pending;
    QString decidedBy;
    QString decidedOperator;
    QDateTime decidedAt; // UTC; invalid while pending
    QString decisionReason;
    QString xpId; // the "UserXP" row it became, once approved
    ReasonTag reasonTag{}; // its reason code and ticket, which the approved change keeps
    HoldReason heldFor = HoldReason::Threshold; // why it waits: the threshold, or a limit of the requester
    QString userName; // of "User", for display; not stored in the request
    QString userEmail;

    static QString stateName(State state);
    static std::optional<State> stateFromName(const QString &name);
    // The table's columns, in the order read() expects, and one row read back (the two display
    // columns, "User".name and email, come after them, at ColumnCount and ColumnCount + 1).
    static constexpr int ColumnCount = 20;
    static QString columns(const QString &alias);
    static PendingAdjustment read(const SqlRows &rows, const Dialect &dialect);
    // The request as kept in its audit events' snapshots.
    QJsonObject toJson() const;
};
