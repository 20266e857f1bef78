#include "ui/users/UsersPane.h"

#include "models/LedgerMoment.h"
#include "models/UsersModel.h"
#include "models/XpFormat.h"
#include "ui/common/AsOfBanner.h"
#include "ui/common/AsOfButton.h"
#include "ui/common/AsOfLabel.h"
#include "ui/common/MessageBox.h"
#include "ui/users/DriftDelegate.h"

#include <QAction>
#include <QDataStream>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QSignalBlocker>
#include <QStyle>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace {

constexpr quint32 StateMagic = 0x58505550; // "XPUP"
// Raised when the default columns change, so that an older layout is not restored over them.
constexpr quint8 StateVersion = 2;
constexpr int SearchDelayMs = 250;

} // namespace

UsersPane::UsersPane(LedgerSession *session, QWidget *parent)
    : QWidget(parent),
      m_model(new UsersModel(session, this)),
      m_search(new QLineEdit(this)),
      m_everyone(new QToolButton(this)),
      m_table(new QTableView(this)),
      m_count(new QLabel(this)),
      m_debounce(new QTimer(this))
{
    m_search->setObjectName(QStringLiteral("userSearch"));
    m_search->setPlaceholderText(tr("Search id, email or name"));
    m_search->setClearButtonEnabled(true);
    m_search->setToolTip(tr("Finds users whose id, email or name contains the text, ignoring case (Ctrl+F). "
                            "Down moves to the list."));
    if (const QIcon icon = QIcon::fromTheme(QStringLiteral("edit-find")); !icon.isNull())
        m_search->addAction(icon, QLineEdit::LeadingPosition);
    m_search->installEventFilter(this);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(SearchDelayMs);
    connect(m_search, &QLineEdit::textChanged, m_debounce, qOverload<>(&QTimer::start));
    connect(m_search, &QLineEdit::textEdited, this, [this] { m_pendingSelection.clear(); });
    connect(m_search, &QLineEdit::returnPressed, this, &UsersPane::applySearchNow);
    connect(m_debounce, &QTimer::timeout, this, &UsersPane::applySearchNow);

    auto *find = new QAction(tr("Find User"), this);
    find->setShortcut(QKeySequence::Find);
    find->setShortcutContext(Qt::WindowShortcut);
    find->setToolTip(tr("Search users by id, email or name (Ctrl+F)"));
    connect(find, &QAction::triggered, this, &UsersPane::focusSearch);
    addAction(find);

    m_everyone->setObjectName(QStringLiteral("allUsers"));
    m_everyone->setText(tr("&All users"));
    m_everyone->setCheckable(true);
    m_everyone->setChecked(true);
    m_everyone->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_everyone->setToolTip(tr("Show everyone's transactions (Alt+A). Clearing the selection (Esc in the list) "
                              "does the same."));
    connect(m_everyone, &QToolButton::clicked, this, [this] {
        m_pendingSelection.clear();
        m_table->clearSelection();
        setCurrentUser({});
    });

    m_count->setObjectName(QStringLiteral("userCount"));
    m_count->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_count->setToolTip(tr("The number of users the search finds"));

    m_table->setObjectName(QStringLiteral("usersTable"));
    m_table->setModel(m_model);
    m_table->setItemDelegate(new DriftDelegate(m_table));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideRight);
    m_table->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    m_table->installEventFilter(this);
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionsMovable(true);
    header->setHighlightSections(false);
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    // What a support person reads first: who, how much and how lately, all in view at the
    // window's first size; the name takes the room left. Email, id and the number of
    // transactions are a right-click on the header away (and the row's tooltip).
    const UsersModel::Column order[] = {UsersModel::Name,         UsersModel::TotalXP, UsersModel::LastActivity,
                                        UsersModel::Transactions, UsersModel::Email,   UsersModel::Id};
    for (int visual = 0; visual < int(std::size(order)); ++visual)
        header->moveSection(header->visualIndex(order[visual]), visual);
    header->setStretchLastSection(false);
    header->setSectionResizeMode(UsersModel::Name, QHeaderView::Stretch);
    sizeColumns();
    for (const UsersModel::Column hidden : {UsersModel::Transactions, UsersModel::Email, UsersModel::Id})
        header->hideSection(hidden);
    // Sorting is the model's (in SQL); the header only shows it and asks for it.
    header->setSectionsClickable(true);
    header->setSortIndicatorShown(true);
    header->setSortIndicator(m_model->sortColumn(), m_model->sortOrder());
    connect(header, &QHeaderView::sortIndicatorChanged, this, &UsersPane::keepSortIndicatorValid);
    connect(header, &QHeaderView::customContextMenuRequested, this, &UsersPane::showHeaderMenu);

    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &UsersPane::onSelectionChanged);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &UsersPane::onRowsLoaded);
    connect(m_model, &QAbstractItemModel::modelReset, this, &UsersPane::updateCount);
    connect(m_model, &UsersModel::countReady, this, &UsersPane::updateCount);
    connect(m_model, &UsersModel::loadingChanged, this, &UsersPane::updateCount);
    connect(m_model, &UsersModel::loadFailed, this, &UsersPane::showLoadError);

    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(0, 0, 0, 0);
    bar->addWidget(m_everyone);
    bar->addWidget(new AsOfButton(LedgerMoment::of(session), this));
    bar->addStretch();
    bar->addWidget(new AsOfLabel(m_model->figuresAsOf(), this), 1);
    bar->addSpacing(12);
    bar->addWidget(m_count);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(m_search);
    layout->addLayout(bar);
    layout->addWidget(new AsOfBanner(LedgerMoment::of(session), this));
    layout->addWidget(m_table, 1);
    setFocusProxy(m_search);
    updateCount();
}

int UsersPane::columnWidth(int column, const QString &widestValue) const
{
    const QHeaderView *header = m_table->horizontalHeader();
    const int margin = header->style()->pixelMetric(QStyle::PM_HeaderMargin, nullptr, header);
    // The header's text with room for the sort arrow, as the style lays out a sorted section.
    const QString title = m_model->headerData(column, Qt::Horizontal).toString();
    const int titleWidth
        = header->fontMetrics().horizontalAdvance(title) + 4 * margin + header->sizeHint().height() / 2 + 2;
    // The widest value, with the cell's margins and room for the drift mark before a total.
    const int cellMargin = m_table->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, m_table) + 1;
    int valueWidth = m_table->fontMetrics().horizontalAdvance(widestValue) + 2 * cellMargin + 2;
    if (column == UsersModel::TotalXP)
        valueWidth += m_table->fontMetrics().height() + 2 * cellMargin;
    return std::max(titleWidth, valueWidth);
}

void UsersPane::sizeColumns()
{
    const QLocale locale;
    QHeaderView *header = m_table->horizontalHeader();
    const int digit = fontMetrics().horizontalAdvance(QLatin1Char('8'));
    header->setMinimumSectionSize(digit * 4);
    header->resizeSection(UsersModel::TotalXP, columnWidth(UsersModel::TotalXP, locale.toString(-8888888)));
    header->resizeSection(UsersModel::Transactions, columnWidth(UsersModel::Transactions, locale.toString(88888)));
    header->resizeSection(
        UsersModel::LastActivity,
        columnWidth(UsersModel::LastActivity,
                    locale.toString(QDateTime(QDate(2026, 12, 28), QTime(23, 58, 58)), XpFormat::timePattern())));
    header->resizeSection(UsersModel::Email, digit * 26);
    header->resizeSection(UsersModel::Id, digit * 28);
}

QSize UsersPane::sizeHint() const
{
    // Every column in view: the name at a readable width beside the others as they are.
    const QHeaderView *header = m_table->horizontalHeader();
    int columns = fontMetrics().horizontalAdvance(QLatin1Char('8')) * 16;
    for (int column = 0; column < UsersModel::ColumnCount; ++column) {
        if (column != UsersModel::Name && !header->isSectionHidden(column))
            columns += header->sectionSize(column);
    }
    const int chrome = 2 * m_table->frameWidth() + style()->pixelMetric(QStyle::PM_ScrollBarExtent, nullptr, m_table);
    return {columns + chrome, QWidget::sizeHint().height()};
}

void UsersPane::addUserAction(QAction *action)
{
    // A right-click selects the row first, so the action is for the user under the pointer.
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_table->addAction(action);
}

void UsersPane::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

void UsersPane::applySearchNow()
{
    m_debounce->stop();
    m_model->setSearch(m_search->text().trimmed());
}

void UsersPane::setCurrentUser(const QString &userId)
{
    m_everyone->setChecked(userId.isEmpty());
    if (userId == m_currentUserId)
        return;
    m_currentUserId = userId;
    emit currentUserChanged(userId);
}

void UsersPane::onSelectionChanged()
{
    if (m_syncingSelection)
        return;
    m_pendingSelection.clear();
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    setCurrentUser(rows.isEmpty() ? QString() : m_model->user(rows.first().row()).id);
}

void UsersPane::selectLoadedUser(const QString &userId, bool announce)
{
    const int row = m_model->rowOf(userId);
    if (row < 0)
        return;
    // The first column on screen, so that showing the row does not scroll sideways.
    const QModelIndex index = m_model->index(row, m_table->horizontalHeader()->logicalIndex(0));
    m_syncingSelection = !announce;
    m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_syncingSelection = false;
    m_table->scrollTo(index);
    if (announce)
        setCurrentUser(userId);
}

void UsersPane::onRowsLoaded()
{
    if (!m_pendingSelection.isEmpty()) {
        if (m_model->rowOf(m_pendingSelection) >= 0)
            selectLoadedUser(std::exchange(m_pendingSelection, QString()), true);
        return;
    }
    // A new search or sort cleared the selection, not the person: show the current user again
    // when the list holds it.
    if (!m_currentUserId.isEmpty() && !m_table->selectionModel()->hasSelection())
        selectLoadedUser(m_currentUserId, false);
}

void UsersPane::selectUser(const QString &userId)
{
    if (userId.isEmpty()) {
        m_pendingSelection.clear();
        m_table->clearSelection();
        setCurrentUser({});
        return;
    }
    if (m_model->rowOf(userId) >= 0) {
        m_pendingSelection.clear();
        selectLoadedUser(userId, true);
        return;
    }
    m_pendingSelection = userId;
    m_search->setText(userId);
    applySearchNow();
}

void UsersPane::refresh()
{
    m_model->reload();
}

void UsersPane::updateCount()
{
    const qint64 count = m_model->totalCount();
    if (count < 0) {
        m_count->setText(m_model->isLoading() ? tr("Loading…") : QString());
        return;
    }
    const int n = static_cast<int>(count);
    m_count->setText(m_model->search().isEmpty() ? tr("%Ln user(s)", nullptr, n) : tr("%Ln user(s) found", nullptr, n));
}

void UsersPane::keepSortIndicatorValid(int column, Qt::SortOrder order)
{
    QHeaderView *header = m_table->horizontalHeader();
    if (!UsersModel::isSortable(column)) {
        // Not a column the database sorts by: keep showing the sort in force.
        const QSignalBlocker blocker(header);
        header->setSortIndicator(m_model->sortColumn(), m_model->sortOrder());
        return;
    }
    m_model->sort(column, order);
}

void UsersPane::showHeaderMenu(const QPoint &pos)
{
    QHeaderView *header = m_table->horizontalHeader();
    QMenu menu(this);
    for (int column = 0; column < UsersModel::ColumnCount; ++column) {
        QAction *action = menu.addAction(m_model->headerData(column, Qt::Horizontal).toString());
        action->setCheckable(true);
        action->setChecked(!header->isSectionHidden(column));
        // The last visible column stays.
        action->setEnabled(header->isSectionHidden(column)
                           || header->hiddenSectionCount() < UsersModel::ColumnCount - 1);
        connect(action, &QAction::toggled, header,
                [header, column](bool on) { header->setSectionHidden(column, !on); });
    }
    menu.exec(header->viewport()->mapToGlobal(pos));
}

void UsersPane::showLoadError(const QString &message)
{
    m_count->setText(tr("Not loaded"));
    if (m_errorShown)
        return;
    m_errorShown = true;
    MessageBox::warning(this, tr("Users"),
                        message + QStringLiteral("\n\n") + tr("Nothing was changed. Press F5 to try again."));
    m_errorShown = false;
}

QByteArray UsersPane::saveState() const
{
    QByteArray state;
    QDataStream out(&state, QIODevice::WriteOnly);
    out << StateMagic << StateVersion << m_table->horizontalHeader()->saveState() << qint32(m_model->sortColumn())
        << qint32(m_model->sortOrder());
    return state;
}

bool UsersPane::restoreState(const QByteArray &state)
{
    QDataStream in(state);
    quint32 magic = 0;
    quint8 version = 0;
    QByteArray headerState;
    qint32 column = 0;
    qint32 order = 0;
    in >> magic >> version >> headerState >> column >> order;
    if (in.status() != QDataStream::Ok || magic != StateMagic || version != StateVersion)
        return false;
    QHeaderView *header = m_table->horizontalHeader();
    if (!header->restoreState(headerState))
        return false;
    const auto sortOrder = order == Qt::AscendingOrder ? Qt::AscendingOrder : Qt::DescendingOrder;
    if (UsersModel::isSortable(column))
        m_model->sort(column, sortOrder);
    const QSignalBlocker blocker(header);
    header->setSortIndicator(m_model->sortColumn(), m_model->sortOrder());
    return true;
}

bool UsersPane::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (watched == m_search && key->key() == Qt::Key_Down && m_model->rowCount() > 0) {
            m_table->setFocus(Qt::TabFocusReason);
            if (!m_table->selectionModel()->hasSelection())
                m_table->selectRow(0);
            return true;
        }
        if (watched == m_table && key->key() == Qt::Key_Escape && m_table->selectionModel()->hasSelection()) {
            m_table->clearSelection();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}
