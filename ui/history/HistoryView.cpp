#include "ui/history/HistoryView.h"

#include "core/history/HistoryJobs.h"
#include "core/session/LedgerSession.h"
#include "models/HistoryModel.h"
#include "models/LedgerMoment.h"
#include "ui/common/AsOfBanner.h"
#include "ui/common/AsOfButton.h"
#include "ui/common/AsOfLabel.h"
#include "ui/common/BackgroundTask.h"
#include "ui/common/CsvSaveDialog.h"
#include "ui/common/MessageBox.h"
#include "ui/history/HistoryClipboard.h"
#include "ui/history/HistoryColumns.h"
#include "ui/history/HistoryDelegate.h"
#include "ui/history/HistoryFilterBar.h"
#include "ui/history/HistoryLive.h"
#include "ui/history/HistoryLocator.h"
#include "ui/history/NewRowsBar.h"
#include "ui/reasons/ReasonTooltip.h"

#include <QAction>
#include <QClipboard>
#include <QDataStream>
#include <QDir>
#include <QFileInfo>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QPersistentModelIndex>
#include <QProgressDialog>
#include <QScrollBar>
#include <QSignalBlocker>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace {

constexpr quint32 StateMagic = 0x58504856; // "XPHV"
constexpr quint8 StateVersion = 3; // 2: the Balance column; 3: the description stretches, ID hidden

} // namespace

HistoryView::HistoryView(LedgerSession *session, QWidget *parent)
    : QWidget(parent),
      m_session(session),
      m_model(new HistoryModel(session, this)),
      m_moment(LedgerMoment::of(session)),
      m_filterBar(new HistoryFilterBar(this)),
      m_table(new QTableView(this)),
      m_status(new QLabel(this)),
      m_contextMenu(new QMenu(this)),
      m_rowActionsEnd(m_contextMenu->addSeparator()),
      m_showAudit(new QAction(tr("Show in &Audit Log"), this)),
      m_showUser(new QAction(tr("Show &User"), this)),
      m_copyIds(new QAction(tr("Copy &ID"), this)),
      m_locator(new HistoryLocator(m_model, m_table, this)),
      m_live(new HistoryLive(session, m_model, m_table, this))
{
    connect(m_filterBar, &HistoryFilterBar::changed, this, &HistoryView::applyFilters);
    connect(m_moment, &LedgerMoment::changed, this, &HistoryView::applyFilters);

    // Table.
    m_table->setObjectName(QStringLiteral("historyTable"));
    m_table->setModel(m_model);
    m_table->setItemDelegate(new HistoryDelegate(m_table));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    m_table->installEventFilter(this);
    new ReasonTooltip(session, m_table); // a manual change's code and ticket
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionsMovable(true);
    header->setHighlightSections(false);
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    m_columns = new HistoryColumns(m_table);
    header->setSectionHidden(HistoryModel::Id, true);
    header->setStretchLastSection(false);
    header->setSectionsClickable(true);
    header->setSortIndicatorShown(true);
    header->setSortIndicator(HistoryModel::Time, m_model->sortOrder());
    connect(header, &QHeaderView::sortIndicatorChanged, this, &HistoryView::onSortIndicatorChanged);
    connect(header, &QHeaderView::customContextMenuRequested, this, &HistoryView::showHeaderMenu);
    connect(m_table, &QWidget::customContextMenuRequested, this, &HistoryView::showContextMenu);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        updateStatus();
        updateRowActions();
        emit selectionChanged();
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        updateStatus();
        updateBalanceColumn();
        updateRowActions();
        emit selectionChanged(); // a reset clears the selection without a signal
    });
    // Double-click (or Enter): the natural detail of a transaction is the event that wrote it.
    connect(m_table, &QAbstractItemView::activated, this, [this](const QModelIndex &index) {
        if (index.isValid())
            emit auditRequested(m_model->transaction(index.row()));
    });
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &HistoryView::updateStatus);
    connect(m_model, &HistoryModel::countReady, this, &HistoryView::updateStatus);
    connect(m_model, &HistoryModel::releasedRowsChanged, this, &HistoryView::updateStatus);
    // Rows released above the viewport must not move what the person is reading: scroll back up
    // by as much as was removed, once the view has taken the removal in.
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, [this](const QModelIndex &, int first, int last) {
        if (first != 0)
            return;
        QScrollBar *bar = m_table->verticalScrollBar();
        const int removed = last - first + 1;
        const int step = m_table->verticalScrollMode() == QAbstractItemView::ScrollPerItem
            ? 1
            : m_table->verticalHeader()->defaultSectionSize();
        const int target = std::max(0, bar->value() - removed * step);
        QMetaObject::invokeMethod(
            this, [bar, target] { bar->setValue(target); }, Qt::QueuedConnection);
    });
    connect(m_model, &HistoryModel::loadingChanged, this, &HistoryView::updateStatus);
    connect(m_model, &HistoryModel::loadFailed, this, &HistoryView::showLoadError);

    // Context menu: the main window's row actions at the top (addRowAction), then the view's own.
    m_showAudit->setObjectName(QStringLiteral("showAuditAction"));
    m_showAudit->setToolTip(tr("Show the audit log at the event that wrote this transaction (double-click)"));
    connect(m_showAudit, &QAction::triggered, this, [this] {
        if (const QList<XpTransaction> rows = selectedTransactions(); rows.size() == 1)
            emit auditRequested(rows.first());
    });
    m_showUser->setObjectName(QStringLiteral("showUserAction"));
    m_showUser->setToolTip(tr("Select this transaction's user and show their history"));
    connect(m_showUser, &QAction::triggered, this, [this] {
        if (const QList<XpTransaction> rows = selectedTransactions(); rows.size() == 1)
            emit userRequested(rows.first().userId);
    });
    m_copyIds->setObjectName(QStringLiteral("copyIdAction"));
    m_copyIds->setToolTip(tr("Copy the transaction ID, as the command line and the audit log use it"));
    connect(m_copyIds, &QAction::triggered, this, &HistoryView::copyIds);
    m_contextMenu->addAction(m_showAudit);
    m_contextMenu->addAction(m_showUser);
    m_contextMenu->addSeparator();
    QAction *copy = m_contextMenu->addAction(tr("&Copy"), this, &HistoryView::copySelection);
    copy->setShortcut(QKeySequence::Copy);
    copy->setToolTip(tr("Copy the selected rows with a header, tab-separated"));
    m_contextMenu->addAction(m_copyIds);
    QAction *exportAction = m_contextMenu->addAction(tr("&Export to CSV…"), this, &HistoryView::exportCsv);
    exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    exportAction->setToolTip(tr("Write every transaction of the filter to a CSV file"));
    m_contextMenu->addSeparator();

    m_status->setObjectName(QStringLiteral("historyStatus"));
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->setSpacing(4);
    auto *top = new QHBoxLayout;
    top->addWidget(m_filterBar, 1);
    top->addWidget(new AsOfButton(m_moment, this));
    layout->addLayout(top);
    layout->addWidget(new AsOfBanner(m_moment, this));
    layout->addWidget(m_live->bar());
    layout->addWidget(m_table, 1);
    auto *footer = new QHBoxLayout;
    footer->addWidget(m_status, 1);
    footer->addWidget(new AsOfLabel(m_model->figuresAsOf(), this));
    layout->addLayout(footer);
    setFocusProxy(m_table);

    connect(m_locator, &HistoryLocator::tooFar, this, [this](const XpTransaction &transaction) {
        // Far down the list: show it alone rather than read thousands of rows to reach it.
        m_filterBar->showOnly(transaction.id);
        m_locator->locate(transaction);
    });
    connect(m_locator, &HistoryLocator::notFound, this, [this](const XpTransaction &transaction) {
        emit statusMessage(
            tr("Transaction %1 is no longer in the history: it may have been rolled back.").arg(transaction.id));
    });
    updateStatus();
    updateBalanceColumn();
    updateRowActions();
}

HistoryFilter HistoryView::filterFromWidgets() const
{
    HistoryFilter filter = m_filterBar->filter();
    filter.userId = m_userId;
    filter.asOf = m_moment->moment();
    return filter;
}

HistoryFilter HistoryView::filter() const
{
    return m_model->filter();
}

void HistoryView::applyFilters()
{
    const HistoryFilter wanted = filterFromWidgets();
    if (wanted != m_model->filter())
        m_model->setFilter(wanted);
}

void HistoryView::setUser(const QString &userId)
{
    m_userId = userId;
    updateUserColumn();
    applyFilters();
}

void HistoryView::updateUserColumn()
{
    m_table->setColumnHidden(HistoryModel::User, !m_userId.isEmpty());
    m_columns->fit();
}

void HistoryView::updateBalanceColumn()
{
    m_table->setColumnHidden(HistoryModel::Balance, !m_model->hasBalance() || !m_balanceWanted);
    m_columns->fit();
}

void HistoryView::updateRowActions()
{
    const int selected = selectedCount();
    m_showAudit->setEnabled(selected == 1);
    m_showUser->setEnabled(selected == 1);
    m_copyIds->setEnabled(selected > 0);
}

void HistoryView::showTransaction(const XpTransaction &transaction)
{
    if (!HistoryLocator::admits(m_model->filter(), transaction))
        m_filterBar->clearFilters(); // at once: the model starts over without them
    if (!HistoryLocator::admits(m_model->filter(), transaction)) {
        // Another user's transaction: this view shows what the users list chose.
        emit statusMessage(tr("Transaction %1 belongs to another user than the one shown.").arg(transaction.id));
        return;
    }
    m_locator->locate(transaction);
}

void HistoryView::copyIds()
{
    QStringList ids;
    for (const XpTransaction &t : selectedTransactions())
        ids << t.id;
    if (ids.isEmpty())
        return;
    QGuiApplication::clipboard()->setText(ids.join(QLatin1Char('\n')));
    emit statusMessage(ids.size() == 1 ? tr("Copied the ID %1").arg(ids.first())
                                       : tr("Copied %n ID(s)", nullptr, int(ids.size())));
}

void HistoryView::refresh()
{
    // A period such as "Today" moves with the clock: work it out again.
    const HistoryFilter wanted = filterFromWidgets();
    if (wanted == m_model->filter())
        m_model->reload();
    else
        m_model->setFilter(wanted);
}

void HistoryView::onSortIndicatorChanged(int column, Qt::SortOrder order)
{
    if (column != HistoryModel::Time) {
        const QSignalBlocker blocker(m_table->horizontalHeader());
        m_table->horizontalHeader()->setSortIndicator(HistoryModel::Time, m_model->sortOrder());
        return;
    }
    m_model->sort(column, order);
}

QList<XpTransaction> HistoryView::selectedTransactions() const
{
    QModelIndexList rows = m_table->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(), [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    QList<XpTransaction> result;
    result.reserve(rows.size());
    for (const QModelIndex &index : std::as_const(rows))
        result << m_model->transaction(index.row());
    return result;
}

int HistoryView::selectedCount() const
{
    return static_cast<int>(m_table->selectionModel()->selectedRows().size());
}

void HistoryView::copySelection()
{
    const QModelIndexList selected = m_table->selectionModel()->selectedRows();
    if (selected.isEmpty())
        return;
    QList<int> rows;
    QList<QPersistentModelIndex> kept;
    for (const QModelIndex &index : selected) {
        rows << index.row();
        kept << index;
    }
    // Rows never shown may not have their users' names yet: they are read first (a moment).
    m_model->whenLabelled(rows, this, [this, kept] {
        QModelIndexList copied;
        for (const QPersistentModelIndex &index : kept) {
            if (index.isValid())
                copied << index;
        }
        if (copied.isEmpty()) {
            emit statusMessage(tr("Nothing was copied: the list was read again meanwhile. Select the rows again."));
            return;
        }
        QGuiApplication::clipboard()->setText(HistoryClipboard::text(*m_table, copied));
        emit statusMessage(tr("Copied %Ln transaction(s)", nullptr, static_cast<int>(copied.size())));
    });
}

void HistoryView::exportCsv()
{
    if (m_exporting) {
        MessageBox::information(this, tr("Export"), tr("An export is already running; wait for it or cancel it."));
        return;
    }
    const QString who = m_userId.isEmpty() ? QStringLiteral("everyone") : m_userId;
    const QString suggested
        = QStringLiteral("xp-history-%1-%2.csv").arg(who, QDate::currentDate().toString(QStringLiteral("yyyyMMdd")));
    const auto choice = CsvSaveDialog::ask(this, tr("Export Transactions to CSV"), suggested, QStringLiteral("export"));
    if (!choice)
        return;
    const QString fileName = choice->fileName;

    m_exporting = true;
    const QString shortName = QFileInfo(fileName).fileName();
    auto *task = new BackgroundTask(this, tr("Export to CSV"), [shortName](qint64 written, qint64 total) {
        return total >= 0 ? tr("Writing %1: %2 of %Ln transaction(s)", nullptr, static_cast<int>(total))
                                .arg(shortName, QLocale().toString(written))
                          : tr("Counting the transactions to export…");
    });
    QProgressDialog *progress = task->dialog();
    progress->setObjectName(QStringLiteral("exportProgress"));
    progress->setWindowModality(Qt::NonModal); // the export runs on its own worker: keep working meanwhile
    progress->setMinimumWidth(fontMetrics().horizontalAdvance(QLatin1Char('x')) * 60);
    task->setShowAfter(0);
    task->setFailureReport(BackgroundTask::Severity::Warning, tr("Export Failed"));
    connect(task, &BackgroundTask::cancelled, this, &HistoryView::statusMessage);
    task->postRead<qint64>(
        m_session->background(),
        HistoryJobs::exportCsv(m_model->filter(), m_model->order(), fileName, task->progress(), choice->format),
        [this, fileName](const Result<qint64> &written) {
            m_exporting = false;
            if (!written)
                return;
            const QString report = tr("Exported %Ln transaction(s) to %1.", nullptr, static_cast<int>(*written))
                                       .arg(QDir::toNativeSeparators(fileName));
            emit statusMessage(report);
            emit exportFinished(*written, fileName);
            MessageBox::information(this, tr("Export Finished"), report);
        });
}

void HistoryView::updateStatus()
{
    const QLocale locale;
    const int shown = m_model->rowCount();
    const qint64 total = m_model->totalCount();
    QString text;
    if (total < 0) {
        text = m_model->isLoading() && shown == 0 ? tr("Loading transactions…")
                                                  : tr("Showing %Ln transaction(s) (counting…)", nullptr, shown);
    } else if (total == 0 && !m_model->isLoading()) {
        text = m_model->filter() == HistoryFilter{m_userId, {}, {}, {}, {}, {}, m_moment->moment()}
            ? tr("No transactions")
            : tr("No transactions match the filters");
    } else {
        text = tr("Showing %1 of %Ln transaction(s)", nullptr, static_cast<int>(total)).arg(locale.toString(shown));
    }
    if (const qint64 released = m_model->releasedRows(); released > 0)
        text = tr("Showing rows %1 to %2 of %3; newer ones were released to save memory (F5 shows the newest)")
                   .arg(locale.toString(released + 1), locale.toString(released + shown),
                        total < 0 ? tr("many") : locale.toString(total));
    if (m_model->isLoading() && shown > 0)
        text += tr(" · loading…");
    const QModelIndexList selected = m_table->selectionModel()->selectedRows();
    if (!selected.isEmpty()) {
        qint64 sum = 0;
        for (const QModelIndex &index : selected)
            sum += m_model->index(index.row(), HistoryModel::Amount).data(HistoryModel::RawValueRole).toLongLong();
        const QString signedSum = sum > 0 ? locale.positiveSign() + locale.toString(sum) : locale.toString(sum);
        text += tr(" · %Ln selected (%1 XP)", nullptr, static_cast<int>(selected.size())).arg(signedSum);
    }
    m_status->setText(text);
}

void HistoryView::addRowAction(QAction *action)
{
    m_contextMenu->insertAction(m_rowActionsEnd, action);
}

void HistoryView::showContextMenu(const QPoint &pos)
{
    const QModelIndex index = m_table->indexAt(pos);
    if (index.isValid() && !m_table->selectionModel()->isRowSelected(index.row(), {}))
        m_table->selectRow(index.row());
    m_contextMenu->exec(m_table->viewport()->mapToGlobal(pos));
}

void HistoryView::showHeaderMenu(const QPoint &pos)
{
    QHeaderView *header = m_table->horizontalHeader();
    QMenu menu(this);
    for (int column = 0; column < HistoryModel::ColumnCount; ++column) {
        if (column == HistoryModel::User && !m_userId.isEmpty())
            continue; // shown for everyone only
        if (column == HistoryModel::Balance && !m_model->hasBalance())
            continue; // shown for one user only
        QAction *action = menu.addAction(m_model->headerData(column, Qt::Horizontal).toString());
        action->setCheckable(true);
        action->setChecked(!header->isSectionHidden(column));
        action->setEnabled(column != HistoryModel::Time && column != HistoryModel::Amount);
        connect(action, &QAction::toggled, header, [this, header, column](bool on) {
            if (column == HistoryModel::Balance)
                m_balanceWanted = on;
            header->setSectionHidden(column, !on);
        });
    }
    menu.exec(header->viewport()->mapToGlobal(pos));
}

void HistoryView::showLoadError(const QString &message)
{
    m_status->setText(tr("Not loaded: %1").arg(message));
    if (m_errorShown)
        return;
    m_errorShown = true;
    MessageBox::warning(this, tr("History"),
                        message + QStringLiteral("\n\n") + tr("Nothing was changed. Press F5 to try again."));
    m_errorShown = false;
}

QByteArray HistoryView::saveState() const
{
    QByteArray state;
    QDataStream out(&state, QIODevice::WriteOnly);
    out << StateMagic << StateVersion << m_table->horizontalHeader()->saveState() << qint32(m_model->sortOrder())
        << m_balanceWanted;
    return state;
}

bool HistoryView::restoreState(const QByteArray &state)
{
    QDataStream in(state);
    quint32 magic = 0;
    quint8 version = 0;
    QByteArray headerState;
    qint32 order = 0;
    bool balanceWanted = true;
    in >> magic >> version >> headerState >> order >> balanceWanted;
    if (in.status() != QDataStream::Ok || magic != StateMagic || version != StateVersion)
        return false;
    QHeaderView *header = m_table->horizontalHeader();
    if (!header->restoreState(headerState))
        return false;
    m_model->sort(HistoryModel::Time, order == Qt::AscendingOrder ? Qt::AscendingOrder : Qt::DescendingOrder);
    {
        const QSignalBlocker blocker(header);
        header->setSortIndicator(HistoryModel::Time, m_model->sortOrder());
    }
    m_balanceWanted = balanceWanted;
    updateUserColumn();
    updateBalanceColumn();
    return true;
}

bool HistoryView::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_table && (event->type() == QEvent::ShortcutOverride || event->type() == QEvent::KeyPress)) {
        auto *key = static_cast<QKeyEvent *>(event);
        if (key->matches(QKeySequence::Copy)) {
            // The table copies rows, not its current cell; and it answers Ctrl+C before any
            // window-wide shortcut does.
            key->accept();
            if (event->type() == QEvent::KeyPress)
                copySelection();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}
