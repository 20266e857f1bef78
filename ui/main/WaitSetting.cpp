#include "ui/main/WaitSetting.h"

#include "core/db/LockWaits.h"
#include "core/session/LedgerSession.h"

#include <QActionGroup>
#include <QMenu>
#include <QSettings>

namespace {

const QString WaitKey = QStringLiteral("lockWaitSeconds");
constexpr int Choices[] = {5, 20, 60, 300};

} // namespace

int WaitSetting::milliseconds()
{
    const int seconds = QSettings().value(WaitKey, LockWaits::DefaultLimitMs / 1000).toInt();
    return std::max(0, seconds) * 1000;
}

void WaitSetting::setMilliseconds(int milliseconds)
{
    QSettings().setValue(WaitKey, milliseconds / 1000);
}

QMenu *WaitSetting::createMenu(QWidget *parent, std::function<LedgerSession *()> session)
{
    auto *menu = new QMenu(tr("&Wait for Locks"), parent);
    menu->setObjectName(QStringLiteral("waitForLocksMenu"));
    menu->setToolTipsVisible(true);
    auto *group = new QActionGroup(menu);
    const int current = milliseconds();
    for (const int seconds : Choices) {
        QAction *action = menu->addAction(seconds < 60 ? tr("%n second(s)", nullptr, seconds)
                                                       : tr("%n minute(s)", nullptr, seconds / 60));
        action->setToolTip(tr("How long a change or a report waits for another program that holds the database, "
                              "before it gives up with nothing changed"));
        action->setData(seconds * 1000);
        action->setCheckable(true);
        action->setChecked(seconds * 1000 == current);
        group->addAction(action);
        QObject::connect(action, &QAction::triggered, menu, [session, seconds] {
            setMilliseconds(seconds * 1000);
            if (LedgerSession *open = session())
                open->setWaitLimit(seconds * 1000);
        });
    }
    return menu;
}
