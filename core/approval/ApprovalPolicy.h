#pragma once

#include "core/domain/Result.h"
#include "core/ledger/PendingAdjustment.h"

#include <QCoreApplication>

class Database;

// Who may decide a pending adjustment. The checker must be another person than the maker:
// on PostgreSQL a person is the database login (the operator name is only what they typed);
// on SQLite, a local file whose desk usually shares one operating-system account, the
// operating-system user together with the operator name (advisory, like every SQLite role).
class ApprovalPolicy final
{
    Q_DECLARE_TR_FUNCTIONS(ApprovalPolicy)

public:
    // Whether the connected person is the one who asked for the adjustment.
    static bool isRequester(const PendingAdjustment &request, const Database &db);
    // The same, for a view that knows who is connected (postgres: the session's backend).
    static bool isRequester(const PendingAdjustment &request, const QString &actor, const QString &operatorName,
                            bool postgres);
    // Approving: refused for the requester. Which roles may decide at all (admin) is checked
    // where the role is known, by the CLI and the window, and enforced by PostgreSQL's grants.
    static Status mayApprove(const PendingAdjustment &request, Database &db);
};
