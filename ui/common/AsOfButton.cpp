#include "ui/common/AsOfButton.h"

#include "models/LedgerMoment.h"
#include "ui/common/AsOfPopup.h"

AsOfButton::AsOfButton(LedgerMoment *moment, QWidget *view)
    : QToolButton(view), m_moment(moment), m_popup(new AsOfPopup(moment, this))
{
    setObjectName(QStringLiteral("asOfButton"));
    setToolButtonStyle(Qt::ToolButtonTextOnly);
    setCheckable(true);
    setFocusPolicy(Qt::StrongFocus);
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
    // Short, pressed while a moment is shown: the views' band names the moment in full.
    setChecked(m_moment->isPast());
    setText(tr("As of…"));
    const QString tip
        = tr("Show the ledger as it stood at a past moment, in the History, Charts and Users (Ctrl+Shift+T)");
    setToolTip(m_moment->isPast() ? m_moment->title() + QLatin1Char('\n') + tip : tip);
}
