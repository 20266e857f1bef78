#include "ui/help/ShortcutsDialog.h"

#include "ui/help/HelpPages.h"
#include "ui/users/UsersPane.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QRegularExpression>
#include <QSet>
#include <QSortFilterProxyModel>
#include <QStackedWidget>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

#include <functional>

namespace {

// "&Adjust XP…" as a person reads it: "Adjust XP…".
QString plainText(QString text)
{
    text.replace(QLatin1String("&&"), QStringLiteral("\x01"));
    text.remove(QLatin1Char('&'));
    return text.replace(QLatin1Char('\x01'), QLatin1Char('&'));
}

// The place where an action's keys work: the tab (or the users list) it belongs to, else the
// menu it is in; empty for the window as a whole.
QString placeOf(const QAction *action)
{
    for (const QObject *object = action->parent(); object; object = object->parent()) {
        if (qobject_cast<const UsersPane *>(object))
            return HelpPages::title(QStringLiteral("users"));
        const auto *widget = qobject_cast<const QWidget *>(object);
        const auto *stack = widget ? qobject_cast<const QStackedWidget *>(widget->parentWidget()) : nullptr;
        const auto *tabs = stack ? qobject_cast<const QTabWidget *>(stack->parentWidget()) : nullptr;
        if (tabs) {
            // "Pending Approvals (3)": the count is not part of the place.
            static const QRegularExpression count(QStringLiteral("\\s*\\(\\d+\\)$"));
            return plainText(tabs->tabText(tabs->indexOf(const_cast<QWidget *>(widget)))).remove(count);
        }
    }
    const QList<QObject *> owners = action->associatedObjects();
    for (const QObject *owner : owners) {
        if (const auto *menu = qobject_cast<const QMenu *>(owner); menu && !menu->title().isEmpty())
            return plainText(menu->title());
    }
    return {};
}

} // namespace

ShortcutsDialog::ShortcutsDialog(QWidget *window, QWidget *parent)
    : QDialog(parent),
      m_model(new QStandardItemModel(0, ColumnCount, this)),
      m_proxy(new QSortFilterProxyModel(this)),
      m_filter(new QLineEdit(this)),
      m_table(new QTableView(this))
{
    setObjectName(QStringLiteral("shortcutsDialog"));
    setWindowTitle(tr("Keyboard Shortcuts"));
    m_model->setHorizontalHeaderLabels({tr("Action"), tr("Keys"), tr("Where")});
    fill(window);

    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_filter->setObjectName(QStringLiteral("shortcutsFilter"));
    m_filter->setPlaceholderText(tr("Filter by action, key or place"));
    m_filter->setClearButtonEnabled(true);
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);

    m_table->setObjectName(QStringLiteral("shortcutsTable"));
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(-1, Qt::AscendingOrder); // the menus' order until a header is clicked
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(ActionColumn, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(KeysColumn, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(WhereColumn, QHeaderView::ResizeToContents);

    auto *note = new QLabel(tr("In the Adjust, Roll Back, Delete Source and Restore dialogs, Ctrl+Return confirms "
                               "and Esc closes without changing anything."),
                            this);
    note->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_filter);
    layout->addWidget(m_table, 1);
    layout->addWidget(note);
    layout->addWidget(buttons);
    resize(640, 560);
}

void ShortcutsDialog::fill(QWidget *window)
{
    // In the menus' order first, as the person reads them; then the views' own keys.
    QList<QAction *> actions;
    const std::function<void(const QList<QAction *> &)> walk = [&actions, &walk](const QList<QAction *> &items) {
        for (QAction *item : items) {
            if (item->menu())
                walk(item->menu()->actions());
            else if (!actions.contains(item))
                actions << item;
        }
    };
    if (const auto *bar = window->findChild<QMenuBar *>())
        walk(bar->actions());
    const QList<QAction *> all = window->findChildren<QAction *>();
    for (QAction *action : all) {
        if (!actions.contains(action))
            actions << action;
    }
    QSet<QString> seen;
    for (const QAction *action : actions) {
        const QList<QKeySequence> keys = action->shortcuts();
        if (keys.isEmpty())
            continue;
        QStringList keyTexts;
        for (const QKeySequence &key : keys)
            keyTexts << key.toString(QKeySequence::NativeText);
        QString text = plainText(action->text());
        if (text.isEmpty())
            text = action->toolTip().section(QStringLiteral(" ("), 0, 0);
        const QString where = placeOf(action);
        const QString keyText = keyTexts.join(QStringLiteral(", "));
        // Two actions doing one thing in one place (a view's and its context menu's) are one row.
        if (seen.contains(text + keyText + where))
            continue;
        seen.insert(text + keyText + where);
        auto *item = new QStandardItem(text);
        item->setToolTip(action->statusTip().isEmpty() ? action->toolTip() : action->statusTip());
        m_model->appendRow(
            {item, new QStandardItem(keyText), new QStandardItem(where.isEmpty() ? tr("Main window") : where)});
    }
}
