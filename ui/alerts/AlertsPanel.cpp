#include "ui/alerts/AlertsPanel.h"

#include "models/AlertListModel.h"
#include "models/XpFormat.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

AlertsPanel::AlertsPanel(AlertListModel *model, QWidget *parent)
    : QWidget(parent),
      m_model(model),
      m_summary(new QLabel(this)),
      m_table(new QTableView(this)),
      m_showUser(new QPushButton(tr("Show &User"), this)),
      m_showEvent(new QPushButton(tr("Show in Audit &Log"), this)),
      m_clear(new QPushButton(tr("C&lear List"), this))
{
    setObjectName(QStringLiteral("AlertsPanel"));
    m_summary->setObjectName(QStringLiteral("alertsSummary"));
    m_summary->setWordWrap(true);
    m_table->setObjectName(QStringLiteral("alertsTable"));
    m_table->setModel(model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(true);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(AlertListModel::Message, QHeaderView::Stretch);
    const QFontMetrics text(m_table->font());
    const QDateTime sample(QDate(2026, 12, 28), QTime(23, 59, 59));
    m_table->setColumnWidth(AlertListModel::Time, text.horizontalAdvance(XpFormat::localTime(sample.toUTC())) + 16);
    int rule = 0;
    for (const Alert::Rule r : {Alert::Rule::LargeChange, Alert::Rule::BusyActor, Alert::Rule::DirectTotal})
        rule = std::max(rule, text.horizontalAdvance(Alert::ruleLabel(r)));
    m_table->setColumnWidth(AlertListModel::Rule, rule + 16);

    m_showUser->setObjectName(QStringLiteral("alertShowUser"));
    m_showUser->setToolTip(tr("Select the alert's user and show their history"));
    m_showEvent->setObjectName(QStringLiteral("alertShowEvent"));
    m_showEvent->setToolTip(tr("Show the audit event that raised the alert (Enter)"));
    m_clear->setObjectName(QStringLiteral("alertClear"));
    m_clear->setToolTip(tr("Empty this list; the audit log keeps every event"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_showUser);
    buttons->addWidget(m_showEvent);
    buttons->addStretch(1);
    buttons->addWidget(m_clear);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_summary);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);

    connect(m_showUser, &QPushButton::clicked, this, [this] {
        if (const int row = currentRow(); row >= 0 && !m_model->alert(row).event.userId.isEmpty())
            emit userRequested(m_model->alert(row).event.userId);
    });
    connect(m_showEvent, &QPushButton::clicked, this, [this] {
        if (const int row = currentRow(); row >= 0)
            emit eventRequested(m_model->alert(row).event.seq);
    });
    connect(m_table, &QTableView::activated, this, [this](const QModelIndex &index) {
        if (index.isValid())
            emit eventRequested(m_model->alert(index.row()).event.seq);
    });
    connect(m_clear, &QPushButton::clicked, m_model, &AlertListModel::clear);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &AlertsPanel::updateButtons);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &AlertsPanel::updateButtons);
    connect(m_model, &QAbstractItemModel::modelReset, this, &AlertsPanel::updateButtons);
    updateButtons();
}

void AlertsPanel::setSummary(const QString &text)
{
    m_summary->setText(text);
}

int AlertsPanel::currentRow() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? -1 : rows.constFirst().row();
}

void AlertsPanel::updateButtons()
{
    const int row = currentRow();
    m_showUser->setEnabled(row >= 0 && !m_model->alert(row).event.userId.isEmpty());
    m_showEvent->setEnabled(row >= 0);
    m_clear->setEnabled(m_model->rowCount() > 0);
}
