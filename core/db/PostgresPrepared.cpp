#include "core/db/PostgresPrepared.h"

#include <QRandomGenerator>

PostgresPrepared::PostgresPrepared(bool enabled) : m_enabled(enabled)
{
    reset();
}

PostgresPrepared::Use PostgresPrepared::use(const QByteArray &sql)
{
    if (!m_enabled)
        return {};
    if (const auto found = m_names.constFind(sql); found != m_names.cend())
        return {*found, false};
    if (!m_seen.contains(sql) || m_names.size() >= MaxPrepared) {
        if (m_seen.size() >= MaxSeen)
            m_seen.clear();
        m_seen.insert(sql);
        return {};
    }
    return {m_namePrefix + QByteArray::number(++m_next), true};
}

void PostgresPrepared::prepared(const QByteArray &sql, const QByteArray &name)
{
    m_seen.remove(sql);
    m_names.insert(sql, name);
}

namespace PostgresPreparedStates {

const QLatin1String UnknownName("26000"); // invalid_sql_statement_name
const QLatin1String PlanOutdated("0A000"); // feature_not_supported: "cached plan must not change result type"

} // namespace PostgresPreparedStates

void PostgresPrepared::failed(const QByteArray &sql, const QSqlError &error)
{
    using namespace PostgresPreparedStates;
    const QString state = error.nativeErrorCode();
    if (state == UnknownName) {
        m_enabled = false;
        m_names.clear();
        m_seen.clear();
    } else if (state == PlanOutdated)
        m_names.remove(sql);
}

bool PostgresPrepared::isNameProblem(const QSqlError &error)
{
    using namespace PostgresPreparedStates;
    const QString state = error.nativeErrorCode();
    return state == UnknownName || state == PlanOutdated;
}

void PostgresPrepared::reset()
{
    m_names.clear();
    m_seen.clear();
    m_namePrefix = "xpadmin_" + QByteArray::number(QRandomGenerator::system()->generate64(), 36) + '_';
}
