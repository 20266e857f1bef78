#include "ui/audit/RowFindingsList.h"

#include "core/ledger/RowFindingText.h"
#include "models/AuditText.h"
#include "models/XpFormat.h"
#include "ui/audit/AuditItemDelegate.h"

#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace {

constexpr int SeqRole = Qt::UserRole;

} // namespace

RowFindingsList::RowFindingsList(QWidget *parent)
    : QWidget(parent),
      m_title(new QLabel(this)),
      m_tree(new QTreeWidget(this)),
      m_advice(new QLabel(this)),
      m_unprovable(new QLabel(this))
{
    m_title->setObjectName(QStringLiteral("verifyRowsTitle"));
    m_title->setWordWrap(true);
    m_tree->setObjectName(QStringLiteral("verifyRows"));
    m_tree->setColumnCount(ColumnCount);
    m_tree->setHeaderLabels({tr("Transaction"), tr("Field"), tr("In the table"), tr("In the audit log"), tr("Event")});
    m_tree->setRootIsDecorated(false);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_tree->setToolTip(tr("Transactions that differ from what the audit log last recorded about them. Double-click "
                          "one to show its event."));
    connect(m_tree, &QTreeWidget::itemDoubleClicked, this,
            [this](QTreeWidgetItem *item) { emit showEventRequested(item->data(EventColumn, SeqRole).toLongLong()); });
    m_advice->setObjectName(QStringLiteral("verifyRowsAdvice"));
    m_advice->setWordWrap(true);
    m_advice->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_unprovable->setObjectName(QStringLiteral("verifyRowsUnprovable"));
    m_unprovable->setWordWrap(true);
    m_unprovable->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(m_title);
    layout->addWidget(m_tree);
    layout->addWidget(m_advice);
    layout->addWidget(m_unprovable);
}

void RowFindingsList::showReport(const VerifyReport &report)
{
    const QLocale locale;
    const RowReconciliation &rows = report.rows;
    const qsizetype differing = rows.findings.size();
    if (!report.rowsReconciled)
        m_title->setText(tr("Transactions were not checked against the audit log: the log itself is broken."));
    else if (differing == 0)
        m_title->setText(tr("%Ln transaction(s) match the audit log.", nullptr, static_cast<int>(rows.rowsMatched)));
    else if (differing > MaxListed)
        m_title->setText(tr("Differences from the audit log (the first %1 of %2):")
                             .arg(locale.toString(MaxListed), locale.toString(qint64(differing))));
    else
        m_title->setText(tr("%Ln difference(s) from the audit log:", nullptr, static_cast<int>(differing)));

    m_tree->setVisible(differing > 0);
    m_advice->setVisible(differing > 0);
    fillTree(rows.findings);
    if (differing > 0) {
        QList<RowFinding::Kind> kinds;
        for (const RowFinding &finding : rows.findings) {
            if (!kinds.contains(finding.kind))
                kinds << finding.kind;
        }
        std::sort(kinds.begin(), kinds.end());
        QStringList advice;
        for (const RowFinding::Kind kind : std::as_const(kinds))
            advice << RowFindingText::advice(kind);
        advice << tr("Verify never changes a transaction: the audit log is the evidence.");
        m_advice->setText(advice.join(QLatin1Char(' ')));
    }

    const UnprovableRows &unprovable = rows.unprovable;
    m_unprovable->setVisible(report.rowsReconciled && unprovable.count > 0);
    if (unprovable.count > 0)
        m_unprovable->setText(
            tr("Not provable: %Ln transaction(s) the audit log never saw, created %1 to %2 (the web app's own, demo "
               "data, or from before XP Admin).",
               nullptr, static_cast<int>(unprovable.count))
                .arg(XpFormat::localTime(unprovable.firstCreatedAt), XpFormat::localTime(unprovable.lastCreatedAt)));
}

void RowFindingsList::fillTree(const QList<RowFinding> &findings)
{
    m_tree->clear();
    if (findings.isEmpty())
        return;
    const QFont mono = AuditItemDelegate::monospaceFont(m_tree->font());
    int listed = 0;
    for (const RowFinding &finding : findings) {
        if (++listed > MaxListed)
            break;
        QStringList columns(ColumnCount);
        columns[RowColumn] = finding.xpId;
        columns[EventColumn] = tr("%1 (%2)").arg(finding.seq).arg(AuditText::actionLabel(finding.action));
        switch (finding.kind) {
        case RowFinding::Kind::Changed:
            columns[FieldColumn] = RowFindingText::fieldName(finding.field);
            columns[TableColumn] = finding.tableValue;
            columns[LogColumn] = finding.logValue;
            break;
        case RowFinding::Kind::Missing:
            columns[FieldColumn] = tr("whole row");
            columns[TableColumn] = tr("missing");
            columns[LogColumn] = RowFindingText::wholeRow(finding, RowFindingText::UserId::Left);
            break;
        case RowFinding::Kind::Reappeared:
            columns[FieldColumn] = tr("whole row");
            columns[TableColumn] = RowFindingText::wholeRow(finding, RowFindingText::UserId::Left);
            columns[LogColumn] = tr("removed");
            break;
        }
        auto *item = new QTreeWidgetItem(m_tree, columns);
        item->setData(EventColumn, SeqRole, finding.seq);
        item->setToolTip(RowColumn, RowFindingText::describe(finding));
        item->setFont(RowColumn, mono);
    }
    // As tall as its rows, up to six; it scrolls beyond that.
    const int rowHeight = m_tree->sizeHintForRow(0) > 0 ? m_tree->sizeHintForRow(0) : fontMetrics().height() + 4;
    const int visibleRows = int(std::min<qsizetype>(m_tree->topLevelItemCount(), 6));
    m_tree->setFixedHeight(m_tree->header()->sizeHint().height() + visibleRows * rowHeight + 2 * m_tree->frameWidth());
}

QString RowFindingsList::titleText() const
{
    return m_title->text();
}

QString RowFindingsList::unprovableText() const
{
    return m_unprovable->isVisibleTo(this) ? m_unprovable->text() : QString();
}
