#include "ui/main/MainMenus.h"

#include "translations/Translations.h"
#include "ui/alerts/AlertCenter.h"
#include "ui/approval/PendingApprovalsView.h"
#include "ui/charts/ChartsView.h"
#include "ui/common/AsOfButton.h"
#include "ui/controls/ControlsWindow.h"
#include "ui/diff/WhatChangedDialog.h"
#include "ui/history/HistoryView.h"
#include "ui/limits/LimitsDialog.h"
#include "ui/main/DatabaseOpener.h"
#include "ui/main/MainWindow.h"
#include "ui/main/MainWindowActions.h"
#include "ui/main/RecentDatabases.h"
#include "ui/main/RoleIndicator.h"
#include "ui/main/WaitSetting.h"
#include "ui/periods/PeriodActions.h"
#include "ui/reasons/ReasonCodesDialog.h"
#include "ui/statement/StatementLauncher.h"
#include "ui/users/UsersPane.h"

#include <QActionGroup>
#include <QApplication>
#include <QMenu>
#include <QMenuBar>
#include <QStatusBar>
#include <QToolBar>

namespace {

// Open Recent, read again each time it opens.
void fillRecentMenu(QMenu *menu, DatabaseOpener *opener)
{
    menu->clear();
    const QStringList recent = RecentDatabases::list();
    for (const QString &location : recent) {
        QAction *action = menu->addAction(location);
        QObject::connect(action, &QAction::triggered, opener, [opener, location] { opener->openRecent(location); });
    }
    if (recent.isEmpty())
        menu->addAction(MainWindow::tr("(none)"))->setEnabled(false);
    menu->addSeparator();
    menu->addAction(MainWindow::tr("&Clear List"), opener, [] { RecentDatabases::clear(); });
}

// The language of the window, for the next start (--lang overrides it for one run).
void addLanguageMenu(MainWindow *window, QMenu *view)
{
    QMenu *language = view->addMenu(MainWindow::tr("&Language"));
    auto *languages = new QActionGroup(language);
    const QString chosen = Translations::preferred();
    QStringList codes{QString()};
    codes << Translations::languages();
    for (const QString &code : std::as_const(codes)) {
        QAction *action
            = language->addAction(code.isEmpty() ? MainWindow::tr("System Default") : Translations::nativeName(code));
        action->setCheckable(true);
        action->setChecked(code == chosen);
        languages->addAction(action);
        QObject::connect(action, &QAction::triggered, window, [window, code] {
            Translations::setPreferred(code);
            window->statusBar()->showMessage(MainWindow::tr("The language changes when XP Admin starts again."), 8000);
        });
    }
}

} // namespace

namespace MainMenus {

void create(MainWindow *window, const MainWindowActions &actions, DatabaseOpener *opener)
{
    using Id = MainWindowActions::Id;
    QMenuBar *bar = window->menuBar();
    QMenu *file = bar->addMenu(MainWindow::tr("&File"));
    file->addAction(actions.action(Id::NewDatabase));
    file->addAction(actions.action(Id::OpenDatabase));
    file->addAction(actions.action(Id::ConnectToPostgres));
    QMenu *recent = file->addMenu(MainWindow::tr("Open &Recent"));
    QObject::connect(recent, &QMenu::aboutToShow, opener, [recent, opener] { fillRecentMenu(recent, opener); });
    file->addSeparator();
    file->addAction(actions.action(Id::Import));
    file->addAction(actions.action(Id::ExportHistory));
    file->addAction(actions.action(Id::ExportAudit));
    QMenu *exportChart = file->addMenu(MainWindow::tr("&Export Chart"));
    for (QAction *action : actions.exportChartActions())
        exportChart->addAction(action);
    file->addSeparator();
    file->addAction(actions.action(Id::Quit));

    QMenu *edit = bar->addMenu(MainWindow::tr("&Edit"));
    edit->addAction(actions.action(Id::Undo));
    edit->addAction(actions.action(Id::Redo));
    edit->addSeparator();
    edit->addAction(actions.action(Id::Copy));

    QMenu *ledger = bar->addMenu(MainWindow::tr("&Ledger"));
    ledger->addAction(actions.action(Id::Adjust));
    ledger->addAction(actions.action(Id::Rollback));
    ledger->addAction(actions.action(Id::DeleteSource));
    ledger->addAction(actions.action(Id::Restore));
    ledger->addSeparator();
    ledger->addAction(window->statements()->action());
    ledger->addAction(actions.action(Id::Verify));
    QAction *controls = ledger->addAction(MainWindow::tr("Co&ntrols Report…"));
    controls->setObjectName(QStringLiteral("actionControlsReport"));
    controls->setStatusTip(MainWindow::tr("What an auditor checks the desk against, for a period: the changes held "
                                          "for approval, the periods reopened and the changes without a ticket"));
    QObject::connect(controls, &QAction::triggered, window,
                     [window] { ControlsWindow::open(window->session(), window); });
    ledger->addAction(window->alerts()->rulesAction());
    QAction *reasonCodes = ledger->addAction(MainWindow::tr("Reason &Codes…"));
    reasonCodes->setObjectName(QStringLiteral("reasonCodesAction"));
    reasonCodes->setStatusTip(MainWindow::tr("The reason codes manual changes take, and the ticket link pattern"));
    QObject::connect(ledger, &QMenu::aboutToShow, reasonCodes,
                     [window, reasonCodes] { reasonCodes->setEnabled(window->session() != nullptr); });
    QObject::connect(reasonCodes, &QAction::triggered, window, [window] {
        if (!window->session())
            return;
        auto *dialog = new ReasonCodesDialog(window->session(),
                                             window->roleIndicator()->refusal(Action::ManageReasonCodes), window);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        QObject::connect(dialog, &ReasonCodesDialog::changed, window,
                         [window](const QString &text) { window->statusBar()->showMessage(text, 5000); });
        dialog->open();
    });
    ledger->addSeparator();
    ledger->addAction(window->periods()->closeAction());
    ledger->addAction(window->periods()->reopenAction());
    QAction *limits = ledger->addAction(MainWindow::tr("Li&mits…"));
    limits->setObjectName(QStringLiteral("limitsAction"));
    limits->setStatusTip(MainWindow::tr("The most XP one adjustment and one person's day may move before approval"));
    QObject::connect(limits, &QAction::triggered, window, [window] {
        if (!window->session())
            return;
        auto *dialog = new LimitsDialog(window->session(), window->roleIndicator()->refusal(Action::SetLimits), window);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        QObject::connect(dialog, &LimitsDialog::saved, window,
                         [window](const QString &text) { window->statusBar()->showMessage(text, 8000); });
        dialog->open();
    });

    QMenu *view = bar->addMenu(MainWindow::tr("&View"));
    view->addAction(actions.action(Id::Refresh));
    view->addSeparator();
    view->addAction(actions.action(Id::ShowHistory));
    view->addAction(actions.action(Id::ShowAudit));
    view->addAction(actions.action(Id::ShowCharts));
    QAction *showApprovals = view->addAction(MainWindow::tr("&Pending Approvals"));
    showApprovals->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_4));
    showApprovals->setStatusTip(MainWindow::tr("Show the adjustments waiting for a second person's approval"));
    QObject::connect(showApprovals, &QAction::triggered, window,
                     [window] { window->showView(window->approvalsView()); });
    view->addAction(window->alerts()->viewAction());
    QAction *asOf = view->addAction(MainWindow::tr("As &Of…"));
    asOf->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T));
    asOf->setStatusTip(
        MainWindow::tr("Show the ledger as it stood at a past moment, in the History, Charts and Users"));
    QObject::connect(asOf, &QAction::triggered, window, [window] {
        // The popup of the view in front: the History's or the Charts' tab, else the users list.
        for (QWidget *shown :
             {static_cast<QWidget *>(window->historyView()), static_cast<QWidget *>(window->chartsView()),
              static_cast<QWidget *>(window->usersPane())}) {
            if (auto *button = shown && shown->isVisible() ? shown->findChild<AsOfButton *>() : nullptr) {
                button->openPopup();
                return;
            }
        }
    });
    QAction *whatChanged = view->addAction(MainWindow::tr("What Chan&ged…"));
    whatChanged->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_W));
    whatChanged->setStatusTip(MainWindow::tr("Show the transactions added, restored and removed between two moments, "
                                             "and each user's total before and after"));
    QObject::connect(whatChanged, &QAction::triggered, window, [window] {
        if (!window->session())
            return;
        auto *dialog = new WhatChangedDialog(window->session(), window);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->show();
        dialog->compare();
    });
    view->addSeparator();
    addLanguageMenu(window, view);

    view->addMenu(window->roleIndicator()->createSqliteRoleMenu(view));
    view->addMenu(WaitSetting::createMenu(view, [window] { return window->session(); }));

    QMenu *help = bar->addMenu(MainWindow::tr("&Help"));
    help->addAction(actions.action(Id::Manual));
    help->addAction(actions.action(Id::KeyboardShortcuts));
    help->addSeparator();
    help->addAction(actions.action(Id::About));
    help->addAction(MainWindow::tr("About &Qt"), qApp, &QApplication::aboutQt);

    QToolBar *toolbar = window->addToolBar(MainWindow::tr("Ledger"));
    toolbar->setObjectName(QStringLiteral("ledgerToolBar"));
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->addAction(actions.action(Id::Adjust));
    toolbar->addAction(actions.action(Id::Rollback));
    toolbar->addAction(actions.action(Id::DeleteSource));
    toolbar->addAction(actions.action(Id::Restore));
    toolbar->addSeparator();
    toolbar->addAction(actions.action(Id::Undo));
    toolbar->addAction(actions.action(Id::Redo));
    toolbar->addSeparator();
    toolbar->addAction(actions.action(Id::Verify));
    toolbar->addAction(actions.action(Id::Refresh));
}

} // namespace MainMenus
