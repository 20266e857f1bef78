#include "core/approval/ApprovalPolicy.h"

#include "core/db/Database.h"
#include "core/domain/Validation.h"

bool ApprovalPolicy::isRequester(const PendingAdjustment &request, const Database &db)
{
    return isRequester(request, db.actor(), db.operatorName(), db.dialect().isPostgres());
}

bool ApprovalPolicy::isRequester(const PendingAdjustment &request, const QString &actor, const QString &operatorName,
                                 bool postgres)
{
    if (request.requestedBy != actor)
        return false;
    // One PostgreSQL login is one person, whatever name they give.
    return postgres || request.requestedOperator == operatorName;
}

Status ApprovalPolicy::mayApprove(const PendingAdjustment &request, Database &db)
{
    if (!isRequester(request, db))
        return {};
    return Error::conflict(
        tr("Refused: you asked for this adjustment yourself (as %1), and an adjustment above the approval "
           "threshold needs a second person. Another admin must approve it. Nothing was changed.")
            .arg(db.dialect().isPostgres() ? Validation::quoted(request.requestedBy)
                                           : Validation::quoted(request.requestedOperator)));
}
