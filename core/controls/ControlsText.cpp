#include "core/controls/ControlsText.h"

#include "core/controls/ControlsReport.h"

#include <QCoreApplication>

namespace ControlsText {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ControlsText", text);
}

QString day(const QDateTime &utc)
{
    return utc.toLocalTime().date().toString(Qt::ISODate);
}

} // namespace

QString title()
{
    return tr("Controls report");
}

QString period(const ControlsReportData &report)
{
    // until is exclusive: the report of November ends at the start of 1 December.
    const QString from = report.since.isValid() ? day(report.since) : tr("the beginning");
    const QString to = report.until.isValid() ? day(report.until.addMSecs(-1)) : tr("now");
    return tr("%1 to %2").arg(from, to);
}

QString heldFor(HoldReason reason)
{
    switch (reason) {
    case HoldReason::Threshold:
        return tr("above the approval threshold");
    case HoldReason::LimitPerChange:
        return tr("above the maker's limit per change");
    case HoldReason::LimitPerDay:
        return tr("above the maker's limit per day");
    }
    return {};
}

QString state(PendingAdjustment::State state)
{
    switch (state) {
    case PendingAdjustment::State::Pending:
        return tr("waiting");
    case PendingAdjustment::State::Approved:
        return tr("approved");
    case PendingAdjustment::State::Rejected:
        return tr("rejected");
    }
    return {};
}

QString kind(ClosedPeriod::Kind kind)
{
    return kind == ClosedPeriod::Kind::Close ? tr("closed") : tr("reopened");
}

QString heldTitle()
{
    return tr("Changes held for approval");
}

QString periodsTitle()
{
    return tr("Periods closed and reopened");
}

QString unticketedTitle()
{
    return tr("Changes without the ticket their reason code requires");
}

QString peopleTitle()
{
    return tr("Manual changes per person");
}

QString reasonsTitle()
{
    return tr("Manual changes by reason code");
}

QString noReasonCode()
{
    return tr("No reason code");
}

} // namespace ControlsText
