#include "models/FiguresAsOf.h"

#include <QLocale>

namespace {

// The locale's long time without its zone: the window shows local times throughout.
QString clockText(const QTime &time)
{
    QString format = QLocale().timeFormat(QLocale::LongFormat);
    format.remove(QLatin1Char('t'));
    return QLocale().toString(time, format.trimmed());
}

} // namespace

QString FiguresAsOf::timeText(const QDateTime &moment)
{
    const QDateTime local = moment.toLocalTime();
    if (local.date() == QDate::currentDate())
        return clockText(local.time());
    return QLocale().toString(local.date(), QLocale::ShortFormat) + QLatin1Char(' ') + clockText(local.time());
}

void FiguresAsOf::restart(const ReadSource &source)
{
    set(source.standby ? source.asOf : QDateTime());
}

void FiguresAsOf::add(const ReadSource &source)
{
    if (source.standby && (m_asOf.isNull() || source.asOf < m_asOf))
        set(source.asOf);
}

void FiguresAsOf::clear()
{
    set({});
}

void FiguresAsOf::setMoment(const QDateTime &moment)
{
    if (moment == m_moment && moment.isValid() == m_moment.isValid())
        return;
    m_moment = moment;
    emit changed();
}

bool FiguresAsOf::shown() const
{
    return !m_asOf.isNull() && (!m_moment.isValid() || m_asOf < m_moment);
}

void FiguresAsOf::set(const QDateTime &asOf)
{
    if (asOf == m_asOf)
        return;
    m_asOf = asOf;
    emit changed();
}

QString FiguresAsOf::text() const
{
    if (!shown())
        return {};
    return tr("As of %1 (standby)").arg(timeText(m_asOf));
}

QString FiguresAsOf::shortText() const
{
    if (!shown())
        return {};
    return tr("As of %1").arg(timeText(m_asOf));
}

QString FiguresAsOf::toolTip() const
{
    if (!shown())
        return {};
    return tr("These figures were read on the standby server, which then held every change made up to %1. Later "
              "changes are not in them yet; your own changes are read from the primary until the standby has them.")
        .arg(QLocale().toString(m_asOf.toLocalTime(), QLocale::LongFormat));
}
