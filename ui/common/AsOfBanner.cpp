#include "ui/common/AsOfBanner.h"

#include "models/CategoryPalette.h"
#include "models/LedgerMoment.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

AsOfBanner::AsOfBanner(LedgerMoment *moment, QWidget *parent)
    : QFrame(parent), m_moment(moment), m_text(new QLabel(this)), m_now(new QPushButton(tr("Back to Now"), this))
{
    setObjectName(QStringLiteral("asOfBanner"));
    m_text->setObjectName(QStringLiteral("asOfBannerText"));
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::PlainText);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_text->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    m_now->setObjectName(QStringLiteral("asOfBannerNow"));
    m_now->setToolTip(tr("Show today's ledger again. Changes to the ledger wait until then."));
    connect(m_now, &QPushButton::clicked, m_moment, &LedgerMoment::clear);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 6, 6, 6);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_now, 0, Qt::AlignVCenter);
    connect(m_moment, &LedgerMoment::changed, this, &AsOfBanner::refresh);
    refresh();
}

QString AsOfBanner::text() const
{
    return isHidden() ? QString() : m_text->text();
}

void AsOfBanner::refresh()
{
    if (!m_moment->isPast()) {
        hide();
        return;
    }
    const QString caveat = m_moment->caveat();
    m_text->setText(caveat.isEmpty() ? m_moment->title() : m_moment->title() + QLatin1Char('\n') + caveat);
    applyStyle();
    show();
}

void AsOfBanner::applyStyle()
{
    const bool dark = CategoryPalette::isDark(palette());
    // The colours of InlineMessage: blue while exact, amber when the log cannot prove the moment.
    const bool exact = m_moment->isExact();
    const char *background = exact ? (dark ? "#1d3349" : "#eaf2fb") : (dark ? "#46381a" : "#fff5e0");
    const char *border = exact ? (dark ? "#4a76a8" : "#a9c6e8") : (dark ? "#a0803a" : "#e8c27a");
    const char *text = exact ? (dark ? "#d6e8ff" : "#173f6b") : (dark ? "#ffe8b5" : "#5c3b00");
    setStyleSheet(QStringLiteral("AsOfBanner { background: %1; border: 1px solid %2; border-radius: 4px; } "
                                 "QLabel { color: %3; background: transparent; }")
                      .arg(QLatin1String(background), QLatin1String(border), QLatin1String(text)));
}
