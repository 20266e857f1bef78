#include "ui/main/StandbyIndicator.h"

#include "core/session/LedgerSession.h"
#include "models/FiguresAsOf.h"

StandbyIndicator::StandbyIndicator(QWidget *parent) : QLabel(parent)
{
    setObjectName(QStringLiteral("standbyIndicator"));
    hide();
}

void StandbyIndicator::setSession(LedgerSession *session)
{
    if (m_session && m_session->standby())
        disconnect(m_session->standby(), nullptr, this, nullptr);
    m_session = session;
    if (session && session->standby())
        connect(session->standby(), &StandbyMonitor::changed, this, &StandbyIndicator::refresh);
    refresh();
}

QString StandbyIndicator::lagText(qint64 milliseconds)
{
    const qint64 seconds = (milliseconds + 999) / 1000;
    if (seconds < 120)
        return tr("%n s", nullptr, int(seconds));
    if (seconds < 2 * 3600)
        return tr("%n min", nullptr, int(seconds / 60));
    return tr("%n h", nullptr, int(seconds / 3600));
}

void StandbyIndicator::refresh()
{
    const StandbyMonitor *standby = m_session ? m_session->standby() : nullptr;
    setVisible(standby != nullptr);
    if (!standby)
        return;
    const QString where = standby->spec().displayName();
    const QString reading = tr("History, totals, charts, exports, reports, user search and verify read from the "
                               "standby %1; every change is written to %2, and your own changes are read from there "
                               "until the standby has them.")
                                .arg(where, m_session->spec().displayName());
    switch (standby->condition()) {
    case StandbyMonitor::Condition::Checking:
        setText(tr("Standby: connecting…"));
        setToolTip(reading);
        break;
    case StandbyMonitor::Condition::Unreachable:
        setText(tr("Standby unreachable: reading from the primary"));
        setToolTip(tr("%1\n\nReading from the primary until the standby %2 is back.").arg(standby->problem(), where));
        break;
    case StandbyMonitor::Condition::Reading: {
        const Standby::Replay &replay = standby->replay();
        if (replay.lagMs <= 0) {
            setText(tr("Standby: up to date"));
            setToolTip(reading);
            break;
        }
        // The time goes beside the figures read there (AsOfLabel): the status bar keeps its room
        // for messages.
        setText(tr("Standby: %1 behind").arg(lagText(replay.lagMs)));
        setToolTip(tr("%1\n\nThe figures read there are those of %2: changes made on the primary since then are "
                      "not in them yet.")
                       .arg(reading, FiguresAsOf::timeText(replay.asOf)));
        break;
    }
    }
}
