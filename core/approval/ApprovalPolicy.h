#pragma once

#include "PendingAdjustment.h"
#include "Result.h"

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
    // Approving: refused for the requester, and for a role that may not approve.
    static Status mayApprove(const PendingAdjustment &request, Database &db);
    // Rejecting: the requester may withdraw their own request; anyone else needs the approver role.
    static Status mayReject(const PendingAdjustment &request, Database &db);
    // Setting the threshold needs the approver role.
    static Status maySetThreshold(Database &db);

    // Hook for role detection (core/roles): whether the connected login may approve
    // adjustments (the admin role). Until roles are known it allows everyone; on PostgreSQL the
    // database's grants on XP Admin's tables refuse what a role may not do in any case.
    static Status checkApproverRole(Database &db);
};
