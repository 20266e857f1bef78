#pragma once

#include "core/db/Job.h"
#include "core/domain/XpEnums.h"
#include "core/preview/EffectQuery.h"
#include "core/preview/SourceQuery.h"

#include <QList>
#include <QString>
#include <QStringList>

// The previews of the Roll back, Delete source and Restore dialogs, as jobs a dialog posts to the
// session's worker.
namespace PreviewJobs {

// What removing these transactions would do to each user (EffectQuery::ofRemoving).
Job<EffectQuery::Removal> ofRemoving(const QStringList &ids);
// The users' email, name and current total filled in (EffectQuery::withCurrentTotals).
Job<QList<UserEffect>> withCurrentTotals(const QList<UserEffect> &effects);
// The same for restoring these ids, and which of them are in the ledger already (EffectQuery::ofRestoring).
Job<EffectQuery::Restoral> ofRestoring(const QList<UserEffect> &effects, const QStringList &ids);
// The transactions of one source and their effect, at most limit rows listed (SourceQuery::preview).
Job<SourceQuery::Preview> ofSource(SourceType type, const QString &sourceId, int limit);

} // namespace PreviewJobs
