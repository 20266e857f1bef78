#pragma once

#include "core/domain/XpEnums.h"

#include <QColor>
#include <QPalette>

// One colour per XP category, used by the history table and every chart, chosen to stay
// readable on light and dark palettes; plus the colours of positive and negative amounts.
namespace CategoryPalette {

QColor color(Category category, const QPalette &palette = {});
QColor positiveAmount(const QPalette &palette = {});
QColor negativeAmount(const QPalette &palette = {});
bool isDark(const QPalette &palette);

} // namespace CategoryPalette
