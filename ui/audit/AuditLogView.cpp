#include "ui/audit/AuditLogView.h"

#include "core/reasons/ReasonJobs.h"
#include "core/session/AuditJobs.h"
#include "core/session/LedgerSession.h"
#include "models/AuditModel.h"
#include "models/AuditText.h"
#include "models/XpFormat.h"
#include "ui/audit/AuditEventDetail.h"
#include "ui/audit/AuditFilterBar.h"
#include "ui/audit/AuditItemDelegate.h"
#include "ui/audit/VerifyResultPanel.h"
#include "ui/common/MessageBox.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDataStream>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QScrollBar>
#include <QSplitter>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace {

constexpr quint32 StateMagic = 0x58415544; // "XAUD"
constexpr quint32 StateVersion = 2;

} // namespace

AuditLogView::AuditLogView(LedgerSession *session, QWidget *parent)
    : QWidget(parent),
      m_session(session),
      m_model(new AuditModel(session, this)),
      m_filterBar(new AuditFilterBar(session, this)),
      m_count(new QLabel(this)),
      m_result(new VerifyResultPanel(this)),
      m_splitter(new QSplitter(Qt::Vertical, this)),
      m_table(new QTableView(m_splitter)),
      m_delegate(new AuditItemDelegate(m_table)),
      m_detail(new AuditEventDetail(m_splitter)),
      m_actions(new AuditLogActions(session, m_model, m_filterBar, m_result, this)),
      m_copyAction(new QAction(tr("&Copy"), this)),
      m_userAction(new QAction(tr("Show only this &user"), this)),
      m_findAction(new QAction(tr("&Filter"), this)),
      m_showTransactionAction(new QAction(tr("Show &transaction"), this)),
      m_showUserAction(new QAction(tr("Show u&ser"), this)),
      m_batchAction(new QAction(tr("Show events of this &batch"), this)),
      m_copyTransactionIdAction(new QAction(tr("Copy transaction &id"), this)),
      m_copyUserIdAction(new QAction(tr("Copy user i&d"), this))
{
    setObjectName(QStringLiteral("auditLogView"));

    m_copyAction->setShortcut(QKeySequence::Copy);
    m_copyAction->setShortcutContext(Qt::WidgetShortcut);
    m_copyAction->setToolTip(tr("Copy the selected events as tab-separated text (Ctrl+C)"));
    connect(m_copyAction, &QAction::triggered, this, &AuditLogView::copySelection);

    m_userAction->setShortcut(QKeySequence(tr("Ctrl+U")));
    m_userAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_userAction->setToolTip(tr("Filter the log by the selected event's user (Ctrl+U)"));
    connect(m_userAction, &QAction::triggered, this, &AuditLogView::filterBySelectedUser);

    m_showTransactionAction->setObjectName(QStringLiteral("auditShowTransaction"));
    m_showUserAction->setObjectName(QStringLiteral("auditShowUser"));
    m_batchAction->setObjectName(QStringLiteral("auditShowBatch"));
    m_copyTransactionIdAction->setObjectName(QStringLiteral("auditCopyTransactionId"));
    m_copyUserIdAction->setObjectName(QStringLiteral("auditCopyUserId"));
    m_showTransactionAction->setToolTip(tr("Show the transaction in the user's history"));
    m_showUserAction->setToolTip(tr("Select the user in the users list"));
    m_batchAction->setToolTip(tr("Only the events of the same operation: one rollback, one import, one demo"));
    const auto current = [this] { return currentEvent(); };
    connect(m_showTransactionAction, &QAction::triggered, this,
            [this, current] { emit showTransactionRequested(current().xpId); });
    connect(m_showUserAction, &QAction::triggered, this, [this, current] { emit showUserRequested(current().userId); });
    connect(m_batchAction, &QAction::triggered, this, &AuditLogView::filterBySelectedOperation);
    connect(m_copyTransactionIdAction, &QAction::triggered, this,
            [this, current] { copyText(current().xpId, tr("Copied transaction id %1").arg(current().xpId)); });
    connect(m_copyUserIdAction, &QAction::triggered, this,
            [this, current] { copyText(current().userId, tr("Copied user id %1").arg(current().userId)); });

    // Ctrl+F searches users, window-wide; like the history's text filter, this one is
    // Ctrl+Shift+F while the audit log is shown.
    m_findAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F));
    m_findAction->setShortcutContext(Qt::WindowShortcut);
    m_findAction->setToolTip(tr("Put the cursor in the user filter (Ctrl+Shift+F)"));
    connect(m_findAction, &QAction::triggered, m_filterBar, &AuditFilterBar::focusUserFilter);
    addActions({m_actions->verifyAction(), m_actions->exportCsvAction(), m_userAction, m_findAction});

    auto *verifyButton = new QToolButton(this);
    verifyButton->setObjectName(QStringLiteral("auditVerifyButton"));
    verifyButton->setDefaultAction(m_actions->verifyAction());
    auto *verifyMenu = new QMenu(verifyButton);
    verifyMenu->addAction(m_actions->verifyAnchorAction());
    verifyMenu->addAction(m_actions->saveAnchorAction());
    verifyButton->setMenu(verifyMenu);
    verifyButton->setPopupMode(QToolButton::MenuButtonPopup);
    auto *reportButton = new QToolButton(this);
    reportButton->setObjectName(QStringLiteral("auditReportButton"));
    reportButton->setDefaultAction(m_actions->reportAction());
    auto *exportButton = new QToolButton(this);
    exportButton->setObjectName(QStringLiteral("auditExportButton"));
    exportButton->setDefaultAction(m_actions->exportCsvAction());

    m_count->setObjectName(QStringLiteral("auditCount"));
    m_count->setEnabled(false); // dimmed: it describes, it does not ask

    // The count and the buttons under the filters, not beside them: one row of both would make
    // the page, and with it the window, too wide for a laptop in German or French.
    auto *bar = new QHBoxLayout;
    bar->setSpacing(6);
    bar->addWidget(m_count);
    bar->addStretch(1);
    bar->addWidget(verifyButton);
    bar->addWidget(exportButton);
    bar->addWidget(reportButton);

    m_table->setObjectName(QStringLiteral("auditTable"));
    m_table->setModel(m_model);
    m_table->setItemDelegate(m_delegate);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideRight);
    m_table->setSortingEnabled(false); // the log has one order: newest first
    m_table->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    m_table->addAction(m_copyAction);
    QHeaderView *header = m_table->horizontalHeader();
    header->setHighlightSections(false);
    header->setStretchLastSection(true);
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    const QFontMetrics mono(AuditItemDelegate::monospaceFont(m_table->font()));
    const QFontMetrics text(m_table->font());
    const int pad = 12;
    m_table->setColumnWidth(AuditModel::Seq, mono.horizontalAdvance(QStringLiteral("00000000")) + pad);
    const QDateTime sample(QDate(2026, 12, 28), QTime(23, 59, 59));
    m_table->setColumnWidth(AuditModel::When, text.horizontalAdvance(XpFormat::localTime(sample.toUTC())) + pad);
    m_table->setColumnWidth(AuditModel::Actor, text.horizontalAdvance(QStringLiteral("Maria (support)")) + pad);
    int actionWidth = text.horizontalAdvance(m_model->headerData(AuditModel::Action, Qt::Horizontal).toString());
    // Sized for the changes of XP a desk makes all day: the longer words of a change captured in
    // the database ("Total changed in the database") and of the rare settings (a period closed,
    // the limits, the reason codes) elide, and their tooltip says it whole, rather than push the
    // reason out of a laptop's window.
    static const QStringList settings{QStringLiteral("approval-threshold"), QStringLiteral("alert-rules"),
                                      QStringLiteral("capture-install"),    QStringLiteral("capture-remove"),
                                      QStringLiteral("reason-code"),        QStringLiteral("limits-set"),
                                      QStringLiteral("period-close"),       QStringLiteral("period-reopen")};
    for (const QString &action : AuditQuery::knownActions())
        if (!action.startsWith(QLatin1StringView("db-")) && !settings.contains(action))
            actionWidth = std::max(actionWidth, text.horizontalAdvance(AuditText::actionLabel(action)));
    m_table->setColumnWidth(AuditModel::Action, actionWidth + pad + 8); // bold for removals
    m_table->setColumnWidth(AuditModel::User, text.horizontalAdvance(QStringLiteral("Maximilian Muster")) + pad);
    m_table->setColumnWidth(AuditModel::Transaction, mono.horizontalAdvance(QStringLiteral("c00000…000000")) + pad);
    // One event may move the XP of many transactions: the demo data's sum, a small import's.
    m_table->setColumnWidth(AuditModel::Amount,
                            std::max(text.horizontalAdvance(XpFormat::signedAmount(9999999)),
                                     text.horizontalAdvance(XpFormat::signedAmount(-9999999)))
                                + pad);

    m_splitter->setObjectName(QStringLiteral("auditSplitter"));
    m_splitter->addWidget(m_table);
    m_splitter->addWidget(m_detail);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);
    layout->addWidget(m_filterBar);
    layout->addLayout(bar);
    layout->addWidget(m_result);
    layout->addWidget(m_splitter, 1);

    connect(m_filterBar, &AuditFilterBar::filterChanged, this, &AuditLogView::applyFilter);
    connect(m_model, &AuditModel::filterChanged, m_filterBar, &AuditFilterBar::setFilter);
    connect(m_model, &AuditModel::modelReset, this, &AuditLogView::showCurrentEvent);
    connect(m_model, &AuditModel::totalCountChanged, this, &AuditLogView::updateCount);
    connect(m_model, &AuditModel::loadingChanged, this, &AuditLogView::updateCount);
    connect(m_model, &AuditModel::rowsInserted, this, &AuditLogView::updateCount);
    // New events go in at the top: the rows being read (scrolled down, or one selected) stay put.
    connect(m_model, &AuditModel::rowsInserted, this, [this](const QModelIndex &, int first, int last) {
        QScrollBar *bar = m_table->verticalScrollBar();
        if (first != 0 || m_model->rowCount() == last + 1 || (bar->value() == 0 && !m_table->currentIndex().isValid()))
            return;
        const bool perItem = m_table->verticalScrollMode() == QAbstractItemView::ScrollPerItem;
        const int target = bar->value() + (last + 1) * (perItem ? 1 : m_table->verticalHeader()->defaultSectionSize());
        QMetaObject::invokeMethod(
            this, [bar, target] { bar->setValue(target); }, Qt::QueuedConnection);
    });
    connect(m_model, &AuditModel::loadFailed, this, [this](const QString &message) {
        emit statusMessage(message);
        MessageBox::warning(this, tr("Audit log"), message + QLatin1Char('\n') + tr("Press F5 to try again."));
    });
    connect(m_model, &AuditModel::located, this, [this](int row) {
        m_retriedWithoutFilter = false;
        const QModelIndex index = m_model->index(row, AuditModel::Seq);
        m_table->setCurrentIndex(index);
        m_table->selectionModel()->select(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        m_table->scrollTo(index, QAbstractItemView::PositionAtCenter);
        m_table->setFocus(Qt::OtherFocusReason);
    });
    connect(m_model, &AuditModel::notFound, this, [this](qint64 seq) {
        if (!m_model->filter().isEmpty() && !m_retriedWithoutFilter) {
            m_retriedWithoutFilter = true; // the filter hides it: show everything, then look again
            m_model->setFilter({});
            m_model->locate(seq);
            return;
        }
        m_retriedWithoutFilter = false;
        MessageBox::information(this, tr("Audit log"),
                                tr("Event %1 is not in the audit log: it may have been removed.").arg(seq));
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &AuditLogView::showCurrentEvent);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &AuditLogView::showCurrentEvent);
    connect(m_table, &QTableView::customContextMenuRequested, this, &AuditLogView::showEventMenu);
    // The natural detail of an event is what it recorded: open the technical details.
    connect(m_table, &QTableView::doubleClicked, this, [this](const QModelIndex &index) {
        if (index.isValid())
            m_detail->setTechnicalExpanded(true);
    });
    connect(m_result, &VerifyResultPanel::showEventRequested, this, &AuditLogView::selectEvent);
    connect(m_result, &VerifyResultPanel::repairRequested, m_actions, &AuditLogActions::repairTotals);
    connect(m_actions, &AuditLogActions::verified, this, &AuditLogView::showBrokenEvent);
    connect(m_actions, &AuditLogActions::statusMessage, this, &AuditLogView::statusMessage);
    connect(m_actions, &AuditLogActions::reportFinished, this, &AuditLogView::reportFinished);

    updateCount();
    m_model->setFilter({});
    loadFilterChoices();
}

void AuditLogView::setUserFilter(const QString &userId)
{
    AuditFilter filter = m_filterBar->filter();
    filter.userId = userId.trimmed();
    filter.maxSeq.reset();
    m_filterBar->setFilter(filter);
    applyFilter(filter);
}

void AuditLogView::applyFilter(const AuditFilter &filter)
{
    if (filter == m_model->filter())
        return;
    m_retriedWithoutFilter = false;
    m_model->setFilter(filter);
}

void AuditLogView::refresh()
{
    m_model->reload();
    loadFilterChoices();
    // The labels of reason codes and the ticket link pattern, for the detail of a manual change.
    m_session->interactive()->postRead<ReasonCatalog>(this, ReasonJobs::catalog(),
                                                      [this](const Result<ReasonCatalog> &catalog) {
                                                          if (!catalog)
                                                              return; // the detail shows the bare code
                                                          m_detail->setReasonCatalog(*catalog);
                                                          showCurrentEvent();
                                                      });
}

void AuditLogView::loadFilterChoices()
{
    m_session->interactive()->postRead<AuditJobs::FilterChoices>(
        this, AuditJobs::filterChoices(), [this](const Result<AuditJobs::FilterChoices> &choices) {
            if (!choices)
                return; // the filters still work with the known actions and free text
            m_filterBar->setActions(choices->actions);
            m_filterBar->setActors(choices->actors);
        });
}

void AuditLogView::showCurrentEvent()
{
    const QModelIndex current = m_table->currentIndex();
    const int selected = m_table->selectionModel() ? int(m_table->selectionModel()->selectedRows().size()) : 0;
    if (!current.isValid() || selected == 0) {
        m_detail->clear();
        return;
    }
    m_detail->setEvent(m_model->eventAt(current.row()), selected);
}

void AuditLogView::updateCount()
{
    const QLocale locale;
    const std::optional<qint64> total = m_model->totalCount();
    if (!total) {
        m_count->setText(m_model->isLoading() ? tr("Loading…") : QString());
        return;
    }
    m_count->setText(tr("%Ln event(s)", nullptr, static_cast<int>(*total)));
    m_count->setToolTip(tr("%Ln event(s) match the filter; %1 loaded", nullptr, static_cast<int>(*total))
                            .arg(locale.toString(m_model->rowCount())));
}

void AuditLogView::copySelection()
{
    QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return;
    std::sort(rows.begin(), rows.end(), [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    QStringList lines;
    QStringList header;
    for (int column = 0; column < AuditModel::ColumnCount; ++column)
        header << m_model->headerData(column, Qt::Horizontal).toString();
    lines << header.join(QLatin1Char('\t'));
    for (const QModelIndex &row : std::as_const(rows)) {
        QStringList cells;
        for (int column = 0; column < AuditModel::ColumnCount; ++column)
            cells << m_model->index(row.row(), column).data().toString();
        lines << cells.join(QLatin1Char('\t'));
    }
    QApplication::clipboard()->setText(lines.join(QLatin1Char('\n')) + QLatin1Char('\n'));
    emit statusMessage(tr("Copied %Ln event(s)", nullptr, static_cast<int>(rows.size())));
}

void AuditLogView::filterBySelectedUser()
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid())
        return;
    const QString userId = m_model->eventAt(current.row()).userId;
    if (userId.isEmpty()) {
        emit statusMessage(tr("Event %1 concerns no single user").arg(m_model->eventAt(current.row()).seq));
        return;
    }
    setUserFilter(userId);
}

AuditEvent AuditLogView::currentEvent() const
{
    return m_model->eventAt(m_table->currentIndex().row());
}

void AuditLogView::showEventMenu(const QPoint &pos)
{
    const QModelIndex index = m_table->indexAt(pos);
    if (index.isValid() && !m_table->selectionModel()->isRowSelected(index.row(), {}))
        m_table->setCurrentIndex(index);
    else if (index.isValid())
        m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::NoUpdate);
    const AuditEvent event = m_model->eventAt(index.row());
    const bool onEvent = index.isValid();
    m_showTransactionAction->setEnabled(onEvent && !event.xpId.isEmpty());
    m_copyTransactionIdAction->setEnabled(onEvent && !event.xpId.isEmpty());
    m_showUserAction->setEnabled(onEvent && !event.userId.isEmpty());
    m_copyUserIdAction->setEnabled(onEvent && !event.userId.isEmpty());
    m_userAction->setEnabled(onEvent && !event.userId.isEmpty());
    m_batchAction->setEnabled(onEvent && !event.operationId.isEmpty());
    QMenu menu(this);
    menu.addAction(m_showTransactionAction);
    menu.addAction(m_showUserAction);
    menu.addAction(m_batchAction);
    menu.addAction(m_userAction);
    menu.addSeparator();
    menu.addAction(m_copyAction);
    menu.addAction(m_copyTransactionIdAction);
    menu.addAction(m_copyUserIdAction);
    menu.addSeparator();
    menu.addAction(m_actions->verifyAction());
    menu.addAction(m_actions->verifyAnchorAction());
    menu.addAction(m_actions->saveAnchorAction());
    menu.addSeparator();
    menu.addAction(m_actions->exportCsvAction());
    menu.addAction(m_actions->reportAction());
    menu.exec(m_table->viewport()->mapToGlobal(pos));
    m_userAction->setEnabled(true); // its shortcut works wherever the view has focus
}

void AuditLogView::copyText(const QString &text, const QString &message)
{
    if (text.isEmpty())
        return;
    QApplication::clipboard()->setText(text);
    emit statusMessage(message);
}

void AuditLogView::setOperationFilter(const QString &operationId)
{
    AuditFilter filter;
    filter.operationId = operationId;
    m_filterBar->setFilter(filter);
    applyFilter(filter);
}

void AuditLogView::filterBySelectedOperation()
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid())
        return;
    const AuditEvent event = m_model->eventAt(current.row());
    if (!event.operationId.isEmpty()) {
        const qint64 seq = event.seq;
        setOperationFilter(event.operationId);
        selectEvent(seq);
    }
}

void AuditLogView::selectEvent(qint64 seq)
{
    m_retriedWithoutFilter = false;
    m_model->locate(seq);
}

void AuditLogView::verify()
{
    m_actions->verify();
}

void AuditLogView::verifyAgainstAnchor()
{
    m_actions->verifyAgainstAnchor();
}

void AuditLogView::verifyWithAnchor(const AuditAnchor &anchor)
{
    m_actions->verifyWithAnchor(anchor);
}

void AuditLogView::showBrokenEvent(const VerifyReport &report)
{
    m_delegate->setBrokenSeq(report.brokenSeq);
    m_table->viewport()->update();
}

void AuditLogView::repairTotals()
{
    m_actions->repairTotals();
}

void AuditLogView::exportCsv()
{
    m_actions->exportCsv();
}

void AuditLogView::saveAnchor()
{
    m_actions->saveAnchor();
}

void AuditLogView::auditReport()
{
    m_actions->auditReport();
}

void AuditLogView::writeReport(const AuditReportRequest &request, const QString &fileName)
{
    m_actions->writeReport(request, fileName);
}

QByteArray AuditLogView::saveState() const
{
    QByteArray state;
    QDataStream out(&state, QIODevice::WriteOnly);
    out << StateMagic << StateVersion << m_splitter->saveState() << m_detail->saveState()
        << m_table->horizontalHeader()->saveState();
    return state;
}

bool AuditLogView::restoreState(const QByteArray &state)
{
    QDataStream in(state);
    quint32 magic = 0;
    quint32 version = 0;
    QByteArray splitter;
    QByteArray detail;
    QByteArray header;
    in >> magic >> version >> splitter >> detail >> header;
    if (in.status() != QDataStream::Ok || magic != StateMagic || version != StateVersion)
        return false;
    const bool splitterRestored = m_splitter->restoreState(splitter);
    const bool detailRestored = m_detail->restoreState(detail);
    const bool headerRestored = m_table->horizontalHeader()->restoreState(header);
    return splitterRestored && detailRestored && headerRestored;
}
