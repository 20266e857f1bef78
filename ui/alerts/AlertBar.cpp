#include "ui/alerts/AlertBar.h"

#include "models/CategoryPalette.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QResizeEvent>
#include <QStyle>
#include <QToolButton>

#include <algorithm>

AlertBar::AlertBar(QWidget *parent)
    : QFrame(parent),
      m_icon(new QLabel(this)),
      m_text(new QLabel(this)),
      m_show(new QPushButton(tr("Show &Alerts"), this)),
      m_dismiss(new QToolButton(this))
{
    setObjectName(QStringLiteral("alertBar"));
    setFrameShape(QFrame::StyledPanel);
    const bool dark = CategoryPalette::isDark(palette());
    // The warning colours of the window's inline messages: noticed, not alarming.
    setStyleSheet(QStringLiteral("#alertBar { background: %1; border: 1px solid %2; border-radius: 4px; }"
                                 "#alertBar QLabel { color: %3; background: transparent; }")
                      .arg(dark ? QStringLiteral("#4a3b12") : QStringLiteral("#fff4d6"),
                           dark ? QStringLiteral("#8a6d1f") : QStringLiteral("#e0b84c"),
                           dark ? QStringLiteral("#f5e6b8") : QStringLiteral("#4d3800")));
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    m_icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning, nullptr, this).pixmap(size, size));
    m_text->setObjectName(QStringLiteral("alertBarText"));
    // One line across the window, cut with "…" where it is narrower; the tooltip has it all.
    m_text->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    m_show->setObjectName(QStringLiteral("alertBarShow"));
    m_show->setToolTip(tr("Open the list of alerts (View > Alerts)"));
    m_dismiss->setObjectName(QStringLiteral("alertBarDismiss"));
    m_dismiss->setText(tr("Dismiss"));
    m_dismiss->setToolTip(tr("Hide this bar; the alerts stay in View > Alerts"));
    m_dismiss->setAutoRaise(true);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 4, 4);
    layout->addWidget(m_icon);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_show, 0, Qt::AlignVCenter);
    layout->addWidget(m_dismiss, 0, Qt::AlignVCenter);
    connect(m_show, &QPushButton::clicked, this, &AlertBar::showRequested);
    connect(m_dismiss, &QToolButton::clicked, this, &AlertBar::dismissed);
}

void AlertBar::setAlerts(int count, const QString &latest)
{
    m_full = tr("%n new alert(s). Latest: %1", nullptr, count).arg(latest);
    m_text->setToolTip(m_full);
    elide();
}

QString AlertBar::text() const
{
    return m_full;
}

void AlertBar::resizeEvent(QResizeEvent *event)
{
    QFrame::resizeEvent(event);
    elide();
}

void AlertBar::elide()
{
    m_text->setText(m_text->fontMetrics().elidedText(m_full, Qt::ElideRight, std::max(m_text->width(), 80)));
}
