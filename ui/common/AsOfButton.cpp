#include "ui/common/AsOfButton.h"

#include "models/LedgerMoment.h"
#include "ui/common/AsOfPopup.h"

#include <QAction>

AsOfButton::AsOfButton(LedgerMoment *moment, QWidget *view)
    : QToolButton(view), m_moment(moment), m_popup(new AsOfPopup(moment, this))
{
    setObjectName(QStringLiteral("asOfButton"));
    setToolButtonStyle(Qt::ToolButtonTextOnly);
    setCheckable(true);
    setFocusPolicy(Qt::StrongFocus);
    // A shortcut of the view it sits in: three views each hold one, the focus picks.
    auto *open = new QAction(tr("As Of…"), view);
    open->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T));
    open->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    view->addAction(open);
    connect(open, &QAction::triggered, this, &AsOfButton::openPopup);
    connect(this, &QToolButton::clicked, this, &AsOfButton::openPopup);
    connect(m_moment, &LedgerMoment::changed, this, &AsOfButton::refresh);
    refresh();
}

void AsOfButton::openPopup()
{
    setChecked(m_moment->isPast()); // a click toggled it
    m_popup->open(this);
}

void AsOfButton::refresh()
{
    setChecked(m_moment->isPast());
    setText(m_moment->isPast() ? tr("As of %1").arg(LedgerMoment::momentText(m_moment->moment())) : tr("As of…"));
    setToolTip(tr("Show the ledger as it stood at a past moment, in the History, Charts and Users (Ctrl+Shift+T)"));
}
