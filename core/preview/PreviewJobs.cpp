#include "core/preview/PreviewJobs.h"

namespace PreviewJobs {

Job<EffectQuery::Removal> ofRemoving(const QStringList &ids)
{
    return [ids](Database &db) { return EffectQuery(db).ofRemoving(ids); };
}

Job<QList<UserEffect>> withCurrentTotals(const QList<UserEffect> &effects)
{
    return [effects](Database &db) { return EffectQuery(db).withCurrentTotals(effects); };
}

Job<EffectQuery::Restoral> ofRestoring(const QList<UserEffect> &effects, const QStringList &ids)
{
    return [effects, ids](Database &db) { return EffectQuery(db).ofRestoring(effects, ids); };
}

Job<SourceQuery::Preview> ofSource(SourceType type, const QString &sourceId, int limit)
{
    return [type, sourceId, limit](Database &db) { return SourceQuery(db).preview(type, sourceId, limit); };
}

} // namespace PreviewJobs
