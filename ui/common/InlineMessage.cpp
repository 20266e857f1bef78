#include "ui/common/InlineMessage.h"

#include "models/CategoryPalette.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>

InlineMessage::InlineMessage(QWidget *parent) : QFrame(parent), m_icon(new QLabel(this)), m_text(new QLabel(this))
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 8, 10, 8);
    layout->setSpacing(10);
    m_icon->setAlignment(Qt::AlignTop);
    m_text->setObjectName(QStringLiteral("messageText"));
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::PlainText);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_text->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    layout->addWidget(m_icon);
    layout->addWidget(m_text, 1);
    hide();
}

void InlineMessage::showMessage(Kind kind, const QString &text)
{
    if (text.isEmpty()) {
        clear();
        return;
    }
    m_kind = kind;
    m_text->setText(text);
    applyStyle();
    show();
}

void InlineMessage::clear()
{
    m_text->clear();
    hide();
}

QString InlineMessage::text() const
{
    return m_text->text();
}

void InlineMessage::applyStyle()
{
    struct Colours
    {
        const char *background;
        const char *border;
        const char *text;
    };
    const bool dark = CategoryPalette::isDark(palette());
    Colours colours{};
    QStyle::StandardPixmap icon = QStyle::SP_MessageBoxInformation;
    switch (m_kind) {
    case Kind::Info:
        colours = dark ? Colours{"#1d3349", "#4a76a8", "#d6e8ff"} : Colours{"#eaf2fb", "#a9c6e8", "#173f6b"};
        break;
    case Kind::Warning:
        colours = dark ? Colours{"#46381a", "#a0803a", "#ffe8b5"} : Colours{"#fff5e0", "#e8c27a", "#5c3b00"};
        icon = QStyle::SP_MessageBoxWarning;
        break;
    case Kind::Error:
        colours = dark ? Colours{"#4a1f1c", "#a04a43", "#ffd7d2"} : Colours{"#fdecea", "#e8a09a", "#7d1a12"};
        icon = QStyle::SP_MessageBoxCritical;
        break;
    }
    // Scoped to this frame by class name, so nothing inside it inherits the border.
    setStyleSheet(
        QStringLiteral("InlineMessage { background: %1; border: 1px solid %2; border-radius: 4px; } "
                       "QLabel { color: %3; background: transparent; }")
            .arg(QLatin1String(colours.background), QLatin1String(colours.border), QLatin1String(colours.text)));
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    m_icon->setPixmap(style()->standardIcon(icon, nullptr, this).pixmap(size, size));
}
