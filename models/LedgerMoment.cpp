#include "models/LedgerMoment.h"

#include "core/history/AsOfRows.h"
#include "core/session/LedgerSession.h"

#include <QLocale>

LedgerMoment::LedgerMoment(LedgerSession *session) : QObject(session), m_session(session) { }

LedgerMoment *LedgerMoment::of(LedgerSession *session)
{
    if (auto *found = session->findChild<LedgerMoment *>(QString(), Qt::FindDirectChildrenOnly))
        return found;
    return new LedgerMoment(session);
}

void LedgerMoment::setMoment(const QDateTime &moment)
{
    const QDateTime utc = moment.isValid() ? moment.toUTC() : QDateTime();
    if (utc == m_moment && utc.isValid() == m_moment.isValid())
        return;
    m_moment = utc;
    emit changed();
    // An empty log may have begun since: asked again until it has.
    if (m_moment.isValid() && !m_logBegins.isValid())
        readLogBegins();
}

void LedgerMoment::readLogBegins()
{
    m_session->interactive()->postRead<QDateTime>(
        this, [](Database &db) { return AsOfRows::logBegins(db); },
        [this](const Result<QDateTime> &begins) {
            // Unknown, the caveat stays: the moment is shown as not proven.
            m_logBeginsKnown = bool(begins);
            m_logBegins = begins ? *begins : QDateTime();
            emit changed();
        });
}

bool LedgerMoment::isExact() const
{
    return !isPast() || (m_logBegins.isValid() && m_moment >= m_logBegins);
}

QString LedgerMoment::momentText(const QDateTime &moment)
{
    const QDateTime local = moment.toLocalTime();
    const QLocale locale;
    //: A date as the "As of" line says it; a QDate format (d, MMMM, yyyy).
    const QString date = locale.toString(local.date(), tr("d MMMM yyyy"));
    const QTime time = local.time();
    const QString clock = time.second() == 0 && time.msec() == 0 ? locale.toString(time, QLocale::ShortFormat)
                                                                 : locale.toString(time, QStringLiteral("HH:mm:ss"));
    return date + QLatin1Char(' ') + clock;
}

QString LedgerMoment::title() const
{
    if (!isPast())
        return {};
    return tr("As of %1 — rebuilt from the audit log").arg(momentText(m_moment));
}

QString LedgerMoment::caveat() const
{
    if (isExact())
        return {};
    if (!m_logBeginsKnown)
        return tr("Checking since when the audit log can prove this moment…");
    if (!m_logBegins.isValid())
        return tr("The audit log is empty: rows are placed by their creation time, and rows removed are not known.");
    return tr("Exact from %1; before it, rows are placed by their creation time.").arg(momentText(m_logBegins));
}
