#include "ui/actions/RestoreDialog.h"

#include "core/periods/PeriodJobs.h"
#include "core/preview/PreviewJobs.h"
#include "core/session/LedgerSession.h"
#include "models/RemovedModel.h"
#include "models/UserEffectModel.h"
#include "models/XpFormat.h"
#include "ui/actions/ActionText.h"
#include "ui/actions/AmountDelegate.h"
#include "ui/actions/CompactTable.h"
#include "ui/actions/ReasonField.h"
#include "ui/common/InlineMessage.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QHash>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

RestoreDialog::RestoreDialog(LedgerSession *session, const QString &userId, QWidget *parent)
    : ActionDialog(session, parent),
      m_model(new RemovedModel(session->interactive(), this)),
      m_effectModel(new UserEffectModel(this))
{
    setObjectName(QStringLiteral("RestoreDialog"));
    setHeading(tr("Restore transactions"),
               tr("Transactions that were rolled back or deleted with their source, and are not in the ledger now; "
                  "the newest removal first. Select the ones to bring back: each returns with its original id, time "
                  "and amount."));
    setConfirmText(tr("Restore"));

    m_userFilter = new QLineEdit(userId, this);
    m_userFilter->setObjectName(QStringLiteral("userFilterEdit"));
    m_userFilter->setPlaceholderText(tr("Everyone"));
    m_userFilter->setClearButtonEnabled(true);
    m_userFilter->setToolTip(tr("Show the removed transactions of this user id only; empty shows everyone's"));
    m_filterTimer = new QTimer(this);
    m_filterTimer->setSingleShot(true);
    m_filterTimer->setInterval(300);
    auto *filterRow = new QHBoxLayout;
    auto *filterLabel = sectionLabel(tr("&User id:"));
    filterLabel->setBuddy(m_userFilter);
    filterRow->addWidget(filterLabel);
    filterRow->addWidget(m_userFilter, 1);
    contentLayout()->addLayout(filterRow);

    m_table = new CompactTable(9, this);
    m_table->setObjectName(QStringLiteral("removedTable"));
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setModel(m_model);
    m_table->setItemDelegateForColumn(
        RemovedModel::Amount, new AmountDelegate(RemovedModel::RawValueRole, AmountDelegate::Mode::Signed, m_table));
    // Interactive, so a person can widen what they need; sized to the first page when it arrives.
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    contentLayout()->addWidget(m_table, 1);

    m_status = new InlineMessage(this);
    m_status->setObjectName(QStringLiteral("listMessage"));
    contentLayout()->addWidget(m_status);

    m_selectionSummary = sectionLabel({});
    m_selectionSummary->setObjectName(QStringLiteral("selectionSummary"));
    contentLayout()->addWidget(m_selectionSummary);
    m_effectTable = CompactTable::forEffects(m_effectModel, 3, this);
    m_effectTable->setObjectName(QStringLiteral("effectTable"));
    contentLayout()->addWidget(m_effectTable);

    m_reason = new ReasonField(this);
    auto *form = new QFormLayout;
    auto *reasonLabel = sectionLabel(tr("&Reason:"));
    reasonLabel->setBuddy(m_reason->editor());
    form->addRow(reasonLabel, m_reason);
    contentLayout()->addLayout(form);

    connect(m_userFilter, &QLineEdit::textChanged, m_filterTimer, qOverload<>(&QTimer::start));
    connect(m_filterTimer, &QTimer::timeout, this, [this] { m_model->setUserFilter(m_userFilter->text()); });
    connect(m_model, &RemovedModel::loadingChanged, this, &RestoreDialog::refresh);
    connect(m_model, &RemovedModel::modelReset, this, [this] {
        m_loadError.clear();
        selectionChanged();
    });
    connect(m_model, &RemovedModel::rowsInserted, this, [this](const QModelIndex &, int first) {
        if (first == 0)
            fitColumns();
        refresh();
    });
    connect(m_model, &RemovedModel::loadFailed, this, [this](const QString &message) {
        m_loadError = message;
        refresh();
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &RestoreDialog::selectionChanged);
    connect(m_reason, &ReasonField::changed, this, &RestoreDialog::refresh);
    connect(session, &LedgerSession::ledgerChanged, this, [this] {
        if (isVisible() && !isSubmitting())
            m_model->reload();
    });

    setMinimumSize(980, 600);
    m_model->setUserFilter(userId);
    m_table->setFocus();
    refresh();
}

void RestoreDialog::fitColumns()
{
    // Times, amounts and names in full; long sources and descriptions elided (in full as tooltips);
    // the reason of the removal, last, takes the room left.
    for (const int column : {RemovedModel::Removed, RemovedModel::User, RemovedModel::Amount, RemovedModel::Source,
                             RemovedModel::RemovedBy})
        m_table->resizeColumnToContents(column);
    const int charWidth = m_table->fontMetrics().averageCharWidth();
    QHeaderView *header = m_table->horizontalHeader();
    header->resizeSection(RemovedModel::Source, std::min(header->sectionSize(RemovedModel::Source), charWidth * 30));
    header->resizeSection(RemovedModel::Description, charWidth * 26);
}

void RestoreDialog::setUserFilter(const QString &userId)
{
    m_userFilter->setText(userId);
    m_filterTimer->stop();
    m_model->setUserFilter(userId);
}

QTableView *RestoreDialog::table() const
{
    return m_table;
}

QStringList RestoreDialog::selectedIds() const
{
    QStringList ids;
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    for (const QModelIndex &index : rows)
        ids << index.data(RemovedModel::IdRole).toString();
    return ids;
}

QString RestoreDialog::reason() const
{
    return m_reason->text();
}

void RestoreDialog::selectionChanged()
{
    // The change per user comes from the selected snapshots; the current totals, and whether the
    // rows are still out of the ledger, are read.
    QHash<QString, UserEffect> byUser;
    QList<XpTransaction> selected;
    m_unreadable = 0;
    m_goneUsers.clear();
    m_closedPeriod.clear();
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    for (const QModelIndex &index : rows) {
        const RemovedTransaction &item = m_model->item(index.row());
        if (!item.snapshotReadable)
            ++m_unreadable;
        selected << item.row;
        UserEffect &effect = byUser[item.row.userId];
        effect.userId = item.row.userId;
        effect.change += item.row.amount;
        ++effect.transactions;
    }
    if (!rows.isEmpty())
        m_restoredMeanwhile = 0;
    const quint64 generation = ++m_effectGeneration;
    m_effectKnown = byUser.isEmpty();
    m_effectModel->setEffects({});
    refresh();
    if (byUser.isEmpty())
        return;
    const QList<UserEffect> effects = byUser.values();
    session()->interactive()->post<QString>(this, PeriodJobs::rowsInClosedPeriod(selected),
                                            [this, generation](const Result<QString> &inside) {
                                                if (generation != m_effectGeneration || !inside)
                                                    return;
                                                m_closedPeriod = *inside;
                                                refresh();
                                            });
    session()->interactive()->post<EffectQuery::Restoral>(
        this, PreviewJobs::ofRestoring(effects, selectedIds()),
        [this, generation](const Result<EffectQuery::Restoral> &result) {
            if (generation != m_effectGeneration)
                return;
            if (!result) {
                m_effectKnown = false;
                m_loadError = result.error().message;
                refresh();
                return;
            }
            if (!result->present.isEmpty()) {
                // Someone put them back since the list was read: read it again, and say so.
                m_restoredMeanwhile = result->present.size();
                m_model->reload();
                refresh();
                return;
            }
            m_effectKnown = true;
            m_effectModel->setEffects(result->users);
            m_effectTable->updateGeometry();
            for (const UserEffect &effect : result->users) {
                if (!effect.exists)
                    m_goneUsers << effect.userId;
            }
            refresh();
        });
}

QString RestoreDialog::refusalText() const
{
    if (!m_closedPeriod.isEmpty()) {
        return tr("%1. Until then it cannot be restored: leave it out.").arg(ActionText::sentence(m_closedPeriod));
    }
    if (m_restoredMeanwhile > 0)
        return tr("%n of the selected transactions were restored by someone else meanwhile. The list has been "
                  "read again: select again.",
                  nullptr, static_cast<int>(m_restoredMeanwhile));
    if (m_unreadable > 0)
        return tr("The audit log's record of %n of the selected transactions cannot be read, so they cannot be "
                  "restored. Leave them out.",
                  nullptr, static_cast<int>(m_unreadable));
    if (!m_goneUsers.isEmpty())
        return tr("%n user(s) of the selection are no longer in the ledger (%1), so their transactions cannot be "
                  "restored. Leave them out.",
                  nullptr, static_cast<int>(m_goneUsers.size()))
            .arg(m_goneUsers.join(QStringLiteral(", ")));
    if (m_effectModel->overflowCount() > 0)
        return tr("This would take a total past the limit of what the ledger can hold; it cannot be restored as "
                  "selected.");
    return {};
}

void RestoreDialog::refresh()
{
    const QStringList ids = selectedIds();
    const int negative = m_effectModel->negativeCount();
    const QString refusal = refusalText();
    if (!m_loadError.isEmpty())
        m_status->showMessage(InlineMessage::Kind::Error, tr("The list could not be read: %1").arg(m_loadError));
    else if (!refusal.isEmpty())
        m_status->showMessage(InlineMessage::Kind::Error, refusal);
    else if (m_model->isLoading() && m_model->rowCount() == 0)
        m_status->showMessage(InlineMessage::Kind::Info, tr("Reading the audit log…"));
    else if (m_model->rowCount() == 0)
        m_status->showMessage(InlineMessage::Kind::Info,
                              m_model->userFilter().isEmpty()
                                  ? tr("Nothing to restore: every rolled-back transaction is back in the ledger.")
                                  : tr("Nothing to restore for user %1.").arg(m_model->userFilter()));
    else if (negative > 0)
        m_status->showMessage(InlineMessage::Kind::Warning,
                              tr("After this, %n user(s) have a negative total (in red below). That is allowed, "
                                 "but check that it is what you mean.",
                                 nullptr, negative));
    else
        m_status->clear();

    if (ids.isEmpty()) {
        m_selectionSummary->setText(tr("Select the transactions to restore (Ctrl or Shift to select several)."));
    } else {
        qint64 total = 0;
        for (const UserEffect &effect : m_effectModel->effects())
            total += effect.change;
        m_selectionSummary->setText(m_effectKnown
                                        ? tr("%1 selected, %2 XP in all, for the users below:")
                                              .arg(ActionText::transactions(ids.size()), XpFormat::signedAmount(total))
                                        : tr("%1 selected.").arg(ActionText::transactions(ids.size())));
    }
    setConfirmText(ids.isEmpty() ? tr("Restore")
                                 : (negative > 0 ? tr("Restore anyway")
                                                 : tr("Restore %1").arg(ActionText::transactions(ids.size()))));
    setConfirmable(!ids.isEmpty() && m_effectKnown && refusal.isEmpty() && m_reason->isValid());
}

void RestoreDialog::confirm()
{
    m_reason->revealError();
    refresh();
    const QStringList ids = selectedIds();
    if (ids.isEmpty() || !m_reason->isValid())
        return;
    clearError();
    const QString reason = m_reason->text();
    submit([ids, reason](Ledger &ledger) { return ledger.restore(ids, reason); },
           tr("The transactions were not restored"));
}
