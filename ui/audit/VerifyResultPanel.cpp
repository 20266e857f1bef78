#include "ui/audit/VerifyResultPanel.h"

#include "core/audit/DirectTotalChange.h"
#include "models/XpFormat.h"

#include "ui/audit/AuditItemDelegate.h"
#include "ui/audit/RowFindingsList.h"
#include "ui/common/RefusedControl.h"

#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QStyle>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

VerifyResultPanel::VerifyResultPanel(QWidget *parent)
    : QFrame(parent),
      m_icon(new QLabel(this)),
      m_summary(new QLabel(this)),
      m_chain(new QLabel(this)),
      m_anchor(new QLabel(this)),
      m_showEvent(new QPushButton(this)),
      m_driftTitle(new QLabel(this)),
      m_drift(new QTreeWidget(this)),
      m_rows(new RowFindingsList(this)),
      m_repair(new QPushButton(tr("&Repair totals…"), this)),
      m_close(new QToolButton(this))
{
    setObjectName(QStringLiteral("verifyResultPanel"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);

    m_summary->setObjectName(QStringLiteral("verifySummary"));
    QFont bold = m_summary->font();
    bold.setBold(true);
    m_summary->setFont(bold);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_chain->setObjectName(QStringLiteral("verifyChain"));
    m_chain->setWordWrap(true);
    m_chain->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_anchor->setObjectName(QStringLiteral("verifyAnchor"));
    m_anchor->setWordWrap(true);
    m_anchor->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_showEvent->setObjectName(QStringLiteral("verifyShowEvent"));
    m_showEvent->setToolTip(tr("Select this event in the table and show its details (Alt+S)"));
    connect(m_showEvent, &QPushButton::clicked, this, [this] {
        if (m_report.brokenSeq)
            emit showEventRequested(*m_report.brokenSeq);
    });

    m_driftTitle->setObjectName(QStringLiteral("verifyDriftTitle"));
    m_drift->setObjectName(QStringLiteral("verifyDrift"));
    m_drift->setColumnCount(5);
    m_drift->setHeaderLabels(
        {tr("User"), tr("Cached total"), tr("Sum of transactions"), tr("Difference"), tr("Changed directly")});
    m_drift->setRootIsDecorated(false);
    m_drift->setUniformRowHeights(true);
    m_drift->setAlternatingRowColors(true);
    m_drift->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_drift->header()->setStretchLastSection(false);
    m_drift->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_drift->setToolTip(tr("Users whose cached \"UserProfile\".\"totalXP\" differs from the sum of their XP"));

    connect(m_rows, &RowFindingsList::showEventRequested, this, &VerifyResultPanel::showEventRequested);

    m_repair->setObjectName(QStringLiteral("verifyRepair"));
    connect(m_repair, &QPushButton::clicked, this, &VerifyResultPanel::repairRequested);
    updateRepairButton();

    m_close->setAutoRaise(true);
    m_close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    m_close->setToolTip(tr("Hide the verification result"));
    connect(m_close, &QToolButton::clicked, this, &QWidget::hide);

    const int iconSize = style()->pixelMetric(QStyle::PM_SmallIconSize);
    m_icon->setFixedSize(iconSize, iconSize);

    auto *top = new QHBoxLayout;
    top->addWidget(m_icon);
    top->addWidget(m_summary, 1);
    top->addWidget(m_close);
    auto *chain = new QHBoxLayout;
    chain->addWidget(m_chain, 1);
    chain->addWidget(m_showEvent);
    auto *drift = new QHBoxLayout;
    drift->addWidget(m_driftTitle, 1);
    drift->addWidget(m_repair);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 4, 4, 6);
    layout->setSpacing(4);
    layout->addLayout(top);
    layout->addLayout(chain);
    layout->addWidget(m_anchor);
    layout->addLayout(drift);
    layout->addWidget(m_drift);
    layout->addWidget(m_rows);
    hide();
}

QString VerifyResultPanel::summarize(const VerifyReport &report, const std::optional<AnchorCheck> &anchor)
{
    const QLocale locale;
    const bool anchorBroken = anchor && !anchor->ok();
    if (report.ok() && !anchorBroken)
        return anchor ? tr("Chain intact and anchor holds: %Ln event(s) checked; all totals match", nullptr,
                           static_cast<int>(report.eventsChecked))
                      : tr("Chain intact: %Ln event(s) checked; all totals match", nullptr,
                           static_cast<int>(report.eventsChecked));
    QStringList parts;
    if (anchorBroken)
        parts << (anchor->brokenSeq ? tr("Anchor broken at event %1").arg(*anchor->brokenSeq) : tr("Anchor broken"));
    if (report.brokenSeq)
        parts << tr("Chain broken at event %1").arg(*report.brokenSeq);
    else
        parts << tr("Chain intact: %Ln event(s) checked", nullptr, static_cast<int>(report.eventsChecked));
    if (!report.drift.isEmpty())
        parts << tr("%Ln user(s)' total(s) differ from the sum(s) of their transactions", nullptr,
                    static_cast<int>(report.drift.size()));
    else
        parts << tr("all totals match");
    if (!report.rows.findings.isEmpty())
        parts << tr("%Ln difference(s) between transactions and the audit log", nullptr,
                    static_cast<int>(report.rows.findings.size()));
    if (!report.periodFindings.isEmpty()) // the closed periods (PeriodCheck): the first finding, in words
        parts << report.periodFindings.constFirst();
    return parts.join(QStringLiteral("; "));
}

void VerifyResultPanel::showReport(const VerifyReport &report, const std::optional<AnchorCheck> &anchor)
{
    m_report = report;
    m_anchorCheck = anchor;
    const bool ok = report.ok() && (!anchor || anchor->ok());
    m_summary->setText(summarize(report, anchor));
    setTone(ok);
    m_icon->setPixmap(
        style()->standardIcon(ok ? QStyle::SP_DialogApplyButton : QStyle::SP_MessageBoxWarning).pixmap(m_icon->size()));
    m_anchor->setVisible(anchor.has_value());
    if (anchor) {
        QString text = anchor->summary();
        if (!text.isEmpty())
            text[0] = text[0].toUpper();
        m_anchor->setText(anchor->ok() ? tr("Anchor: %1.").arg(text) : tr("Anchor broken: %1.").arg(text));
    }

    const bool broken = report.brokenSeq.has_value();
    m_chain->setVisible(broken);
    m_showEvent->setVisible(broken);
    if (broken) {
        QString reason = report.brokenReason;
        if (!reason.isEmpty())
            reason[0] = reason[0].toUpper();
        m_chain->setText(tr("%1. Events after it were not checked.").arg(reason));
        m_showEvent->setText(tr("&Show event %1").arg(*report.brokenSeq));
    }

    const bool drifted = !report.drift.isEmpty();
    m_driftTitle->setVisible(drifted);
    m_drift->setVisible(drifted);
    m_repair->setVisible(drifted);
    m_drift->clear();
    if (drifted) {
        const QLocale locale;
        m_driftTitle->setText(report.drift.size() > MaxListedDrift
                                  ? tr("Cached totals that differ from the sum (the first %1 of %2):")
                                        .arg(MaxListedDrift)
                                        .arg(locale.toString(qint64(report.drift.size())))
                                  : tr("Cached totals that differ from the sum of the user's transactions:"));
        const QFont mono = AuditItemDelegate::monospaceFont(m_drift->font());
        int listed = 0;
        for (const Drift &drift : report.drift) {
            if (++listed > MaxListedDrift)
                break;
            const qint64 difference = drift.sum - drift.cached;
            // Who set the total by hand, when capture saw it (a console's UPDATE of "UserProfile").
            const auto direct = DirectTotalChange::of(report.directChanges.value(drift.userId));
            const QString label = report.driftLabels.value(drift.userId);
            auto *item = new QTreeWidgetItem(
                m_drift,
                QStringList{
                    label.isEmpty() ? drift.userId : label, locale.toString(drift.cached), locale.toString(drift.sum),
                    difference > 0 ? QLatin1Char('+') + locale.toString(difference) : locale.toString(difference),
                    direct ? tr("by %1, %2").arg(direct->who(), XpFormat::localTime(direct->at)) : QString()});
            item->setToolTip(0, drift.userId);
            if (direct)
                item->setToolTip(4,
                                 tr("Set directly in the database by %1, %2, at %3: %4 → %5 (audit event %6)")
                                     .arg(direct->who(), direct->where(), XpFormat::localTime(direct->at),
                                          direct->before ? locale.toString(*direct->before) : tr("none"),
                                          direct->after ? locale.toString(*direct->after) : tr("none"))
                                     .arg(direct->seq));
            for (int column = 1; column < 4; ++column) {
                item->setFont(column, mono);
                item->setTextAlignment(column, Qt::AlignRight | Qt::AlignVCenter);
            }
        }
        // As tall as its rows, up to six; it scrolls beyond that.
        const int rowHeight = m_drift->sizeHintForRow(0) > 0 ? m_drift->sizeHintForRow(0) : fontMetrics().height() + 4;
        const int visibleRows = int(std::min<qsizetype>(m_drift->topLevelItemCount(), 6));
        m_drift->setFixedHeight(m_drift->header()->sizeHint().height() + visibleRows * rowHeight
                                + 2 * m_drift->frameWidth());
    }
    m_rows->showReport(report);
    setRepairing(false);
    show();
}

void VerifyResultPanel::setRepairing(bool repairing)
{
    m_repairing = repairing;
    updateRepairButton();
}

void VerifyResultPanel::setRepairRefusal(const QString &refusal)
{
    m_repairRefusal = refusal;
    updateRepairButton();
}

void VerifyResultPanel::updateRepairButton()
{
    m_repair->setText(m_repairing ? tr("Repairing…") : tr("&Repair totals…"));
    RefusedControl::apply(m_repair, !m_repairing, m_repairRefusal,
                          tr("Set each listed user's cached total to the sum of their transactions (audited as "
                             "\"repair\"; Alt+R)"));
}

QString VerifyResultPanel::summaryText() const
{
    return m_summary->text();
}

QString VerifyResultPanel::anchorText() const
{
    return m_anchor->isVisibleTo(this) ? m_anchor->text() : QString();
}

void VerifyResultPanel::setTone(bool good)
{
    // A tint of green or amber over the window colour: readable on light and dark palettes.
    QPalette tinted = parentWidget() ? parentWidget()->palette() : palette();
    const QColor base = tinted.color(QPalette::Window);
    const QColor tint = good ? QColor(46, 160, 67) : QColor(219, 130, 20);
    const qreal alpha = 0.16;
    const QColor mixed = QColor::fromRgbF(base.redF() * (1 - alpha) + tint.redF() * alpha,
                                          base.greenF() * (1 - alpha) + tint.greenF() * alpha,
                                          base.blueF() * (1 - alpha) + tint.blueF() * alpha);
    tinted.setColor(QPalette::Window, mixed);
    setPalette(tinted);
}
