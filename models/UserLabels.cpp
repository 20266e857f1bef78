#include "models/UserLabels.h"

#include "core/session/LedgerSession.h"
#include "core/users/UserQuery.h"

#include <QPointer>
#include <QTimer>

UserLabels::UserLabels(LedgerSession *session, QObject *parent) : QObject(parent), m_session(session) { }

std::optional<QString> UserLabels::label(const QString &userId)
{
    if (const auto known = m_labels.constFind(userId); known != m_labels.cend())
        return *known;
    if (!m_reading.contains(userId)) {
        m_wanted.insert(userId);
        if (!std::exchange(m_scheduled, true))
            QTimer::singleShot(0, this, &UserLabels::readWanted);
    }
    return std::nullopt;
}

void UserLabels::insert(const QStringList &asked, const QHash<QString, QString> &found)
{
    // A user without a name or email, or gone, shows their id.
    for (const QString &id : asked)
        m_labels.insert(id, found.value(id, id));
}

void UserLabels::clear()
{
    ++m_generation;
    m_labels.clear();
    m_wanted.clear();
    m_reading.clear();
}

void UserLabels::whenKnown(const QStringList &userIds, QObject *context, std::function<void()> done)
{
    QStringList unknown;
    for (const QString &id : userIds) {
        if (!m_labels.contains(id))
            unknown << id;
    }
    unknown.removeDuplicates();
    if (unknown.isEmpty()) {
        done();
        return;
    }
    read(unknown, context, std::move(done));
}

void UserLabels::readWanted()
{
    m_scheduled = false;
    if (m_wanted.isEmpty())
        return;
    const QStringList ids(m_wanted.cbegin(), m_wanted.cend());
    m_reading.unite(m_wanted);
    m_wanted.clear();
    read(ids, this, [this] { emit arrived(); });
}

void UserLabels::read(const QStringList &userIds, QObject *context, std::function<void()> done)
{
    const quint64 generation = m_generation;
    m_session->interactive()->postRead<QHash<QString, QString>>(
        this, [userIds](Database &db) { return UserQuery(db).labels(userIds); },
        [this, generation, userIds, caller = QPointer<QObject>(context),
         done = std::move(done)](const Result<QHash<QString, QString>> &found) {
            if (generation != m_generation)
                return;
            for (const QString &id : userIds)
                m_reading.remove(id);
            // Unread (the connection failed), a user shows their id rather than nothing.
            insert(userIds, found ? *found : QHash<QString, QString>());
            if (caller)
                done();
        });
}
