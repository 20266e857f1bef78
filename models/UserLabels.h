#pragma once

#include <QHash>
#include <QObject>
#include <QSet>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

class LedgerSession;

// What a list of transactions shows for each user id: the name, else the email, else the id.
// Read as the rows are shown, a batch for what came into view together, on the session's
// interactive worker: scrolling through a million rows names only the users someone looked at,
// where reading the names of every page took as long as a third of the rows' own reading.
class UserLabels final : public QObject
{
    Q_OBJECT

public:
    explicit UserLabels(LedgerSession *session, QObject *parent = nullptr);

    // The label of a user, or nullopt while it is being read: the id is then asked for, with
    // every other one asked for before control returns to the event loop.
    std::optional<QString> label(const QString &userId);
    // Labels read along with rows (the ids asked for, and what was found for them).
    void insert(const QStringList &asked, const QHash<QString, QString> &found);
    // Forgets every label; answers still on their way are dropped.
    void clear();
    // Calls done once every one of these users has a label (at once when they all have); never
    // after context is gone or clear().
    void whenKnown(const QStringList &userIds, QObject *context, std::function<void()> done);

signals:
    // Labels came in: what shows users should be drawn again.
    void arrived();

private:
    void read(const QStringList &userIds, QObject *context, std::function<void()> done);
    void readWanted();

    LedgerSession *m_session;
    QHash<QString, QString> m_labels;
    QSet<QString> m_wanted; // asked for, to be read in one batch
    QSet<QString> m_reading; // on their way
    bool m_scheduled = false;
    quint64 m_generation = 0;
};
