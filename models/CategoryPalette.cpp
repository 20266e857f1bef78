#include "models/CategoryPalette.h"

#include <QGuiApplication>

namespace CategoryPalette {

bool isDark(const QPalette &palette)
{
    if (!qobject_cast<QGuiApplication *>(QCoreApplication::instance()))
        return false; // no palette works without a QGuiApplication (model tests): a light page
    const QPalette &p = palette.resolveMask() ? palette : QGuiApplication::palette();
    return p.color(QPalette::Window).lightness() < 128;
}

QColor color(Category category, const QPalette &palette)
{
    const bool dark = isDark(palette);
    switch (category) {
    case Category::CorrectAnswer:
        return dark ? QColor(0x5d, 0xad, 0xe2) : QColor(0x1f, 0x6f, 0xb4); // blue
    case Category::StreakBonus:
        return dark ? QColor(0xf5, 0xb0, 0x41) : QColor(0xd9, 0x7b, 0x00); // amber
    case Category::Achievement:
        return dark ? QColor(0xb3, 0x8c, 0xf0) : QColor(0x7b, 0x4f, 0xc9); // violet
    case Category::Manual:
        return dark ? QColor(0x9e, 0xa7, 0xb3) : QColor(0x5f, 0x6b, 0x7a); // slate
    }
    return {};
}

QColor positiveAmount(const QPalette &palette)
{
    return isDark(palette) ? QColor(0x6f, 0xd0, 0x8c) : QColor(0x1e, 0x7e, 0x34);
}

QColor negativeAmount(const QPalette &palette)
{
    return isDark(palette) ? QColor(0xff, 0x7b, 0x72) : QColor(0xc6, 0x28, 0x28);
}

} // namespace CategoryPalette
