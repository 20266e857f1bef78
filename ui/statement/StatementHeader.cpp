#include "ui/statement/StatementHeader.h"

#include "core/statement/Statement.h"
#include "models/XpFormat.h"
#include "ui/common/InlineMessage.h"

#include <QFormLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace {

QString day(const QDateTime &utc)
{
    return utc.toLocalTime().date().toString(XpFormat::datePattern());
}

QLabel *wrappingLabel(QWidget *parent, const QString &name)
{
    auto *label = new QLabel(parent);
    label->setObjectName(name);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

} // namespace

StatementHeader::StatementHeader(QWidget *parent)
    : QWidget(parent),
      m_title(wrappingLabel(this, QStringLiteral("statementTitle"))),
      m_period(wrappingLabel(this, QStringLiteral("statementPeriod"))),
      m_opening(new QLabel(this)),
      m_closing(new QLabel(this)),
      m_reconciliation(new InlineMessage(this)),
      m_exactness(wrappingLabel(this, QStringLiteral("statementExactness"))),
      m_drift(wrappingLabel(this, QStringLiteral("statementDrift")))
{
    m_title->setTextFormat(Qt::PlainText);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.25);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_opening->setObjectName(QStringLiteral("statementOpening"));
    m_closing->setObjectName(QStringLiteral("statementClosing"));
    m_reconciliation->setObjectName(QStringLiteral("statementReconciliation"));
    QFont figures = m_closing->font();
    figures.setBold(true);
    m_opening->setFont(figures);
    m_closing->setFont(figures);
    for (QLabel *label : {m_opening, m_closing})
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *balances = new QFormLayout;
    balances->setContentsMargins(0, 0, 0, 0);
    balances->addRow(tr("Opening balance:"), m_opening);
    balances->addRow(tr("Closing balance:"), m_closing);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addWidget(m_period);
    layout->addLayout(balances);
    layout->addWidget(m_reconciliation);
    layout->addWidget(m_exactness);
    layout->addWidget(m_drift);
    m_drift->hide();
}

QString StatementHeader::periodText(const Statement &s)
{
    const QString from = s.since.isValid() ? day(s.since) : tr("the first transaction");
    // until is exclusive: the last day shown is the one before it.
    const QString to
        = s.until.isValid() ? day(s.until.addMSecs(-1)) : tr("now (%1)").arg(XpFormat::localTime(s.madeAt));
    return tr("Period: %1 to %2").arg(from, to);
}

QString StatementHeader::exactnessText(const Statement &s)
{
    QString text;
    if (!s.logBegins.isValid())
        text = tr("The audit log is empty: every change is placed by its transaction's creation time.");
    else if (s.logCoversPeriod)
        text = tr("Exact: the audit log, begun %1, records every change made in XP Admin in this period.")
                   .arg(XpFormat::localTime(s.logBegins));
    else
        text = tr("Exact from %1, when the audit log began: before then, changes are placed by their "
                  "transaction's creation time, and removals are not known.")
                   .arg(XpFormat::localTime(s.logBegins));
    if (s.externalEntries > 0)
        text += QLatin1Char(' ')
            + tr("%n change(s) were written by the web app outside XP Admin, placed by their creation time.", nullptr,
                 int(s.externalEntries));
    return text;
}

QString StatementHeader::driftText(const Statement &s)
{
    QStringList notes;
    for (const DriftNote &note : s.drift)
        notes << tr("On %1 the cached total was %2 XP while the transactions summed to %3 XP; %4 corrected it by "
                    "%5 XP.")
                     .arg(XpFormat::localTime(note.at), XpFormat::total(note.cached), XpFormat::total(note.summed),
                          note.operatorName.isEmpty() ? tr("XP Admin") : note.operatorName,
                          XpFormat::signedAmount(note.summed - note.cached));
    return notes.join(QLatin1Char('\n'));
}

void StatementHeader::setStatement(const Statement &s)
{
    m_title->setText(tr("Statement of %1").arg(XpFormat::user(s.userId, s.userName, s.userEmail))
                     + (s.userName.trimmed().isEmpty() || s.userEmail.isEmpty()
                            ? QString()
                            : QStringLiteral(" <%1>").arg(s.userEmail)));
    m_title->setToolTip(tr("User id: %1").arg(s.userId));
    m_period->setText(periodText(s));
    m_opening->setText(tr("%1 XP").arg(XpFormat::total(s.opening)));
    m_closing->setText(tr("%1 XP").arg(XpFormat::total(s.closing)));

    if (s.rebuiltClosing != s.closing)
        m_reconciliation->showMessage(
            InlineMessage::Kind::Warning,
            tr("The ledger as it stood at the end of the period sums to %1 XP, not %2 XP: run Verify, which names "
               "what differs.")
                .arg(XpFormat::total(s.rebuiltClosing), XpFormat::total(s.closing)));
    else if (s.cachedTotal && *s.cachedTotal != s.closing)
        m_reconciliation->showMessage(InlineMessage::Kind::Warning,
                                      tr("The cached total is %1 XP, not %2 XP: run Verify, which sets it right.")
                                          .arg(XpFormat::total(*s.cachedTotal), XpFormat::total(s.closing)));
    else if (s.cachedTotal)
        m_reconciliation->showMessage(InlineMessage::Kind::Info, tr("The closing balance equals the cached total."));
    else
        m_reconciliation->showMessage(InlineMessage::Kind::Info,
                                      tr("The closing balance is the ledger's as it stood at the end of the period."));
    m_exactness->setText(exactnessText(s));
    const QString drift = driftText(s);
    m_drift->setText(drift);
    m_drift->setVisible(!drift.isEmpty());
}
