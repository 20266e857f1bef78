#pragma once

#include "core/session/ReadSource.h"

#include <QDateTime>
#include <QObject>
#include <QString>

// Where the figures a view shows were read since it last loaded them afresh: all on the primary,
// or some on the reading standby, as of the oldest replay time among those reads (a figure holds
// no change made after it). The view says so beside its figures.
class FiguresAsOf final : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

    // The figures were loaded afresh by this read: the reads before no longer count.
    void restart(const ReadSource &source);
    // One more read joined the figures shown (a further page, a count).
    void add(const ReadSource &source);
    // Nothing shown any more (a failed load, another database).
    void clear();
    // The figures are of this past moment (LedgerMoment), invalid for now: the standby then
    // matters only when it had not yet replayed that moment, and text() is empty otherwise, so
    // that the moment's banner says it alone.
    void setMoment(const QDateTime &moment);

    // The time the figures are of when some were read on the standby; null when all on the primary.
    QDateTime asOf() const { return m_asOf; }
    // "As of 19:42:07 (standby)", with the date when not today; empty when read on the primary.
    QString text() const;
    // "As of 19:42:07": the same where room is short.
    QString shortText() const;
    QString toolTip() const;
    // A moment in local time as the window says it beside figures: "19:42:07", the date too
    // when not today.
    static QString timeText(const QDateTime &moment);

signals:
    void changed();

private:
    void set(const QDateTime &asOf);

    bool shown() const;

    QDateTime m_asOf; // UTC
    QDateTime m_moment; // UTC; invalid: now
};
