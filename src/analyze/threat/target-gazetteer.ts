// Names of likely targets, in every language the stage reads: data only. Forms are written as
// published and folded by the matcher like the text; `word*` matches a word's start. Sources:
// country and capital names as in the UN Terminology Database (UNTERM) for ar/fr and Wikipedia
// for fa/ur; epithets ("Great Satan", "embassy of evil", "Zionist entity") as used in militant
// statements and quoted by MEMRI JTTM and news coverage.

/** `country` names a state; `adjective` its adjective (American → United States). */
export interface CountryEntry {
  name: string;
  /** Short form used when composing organisation names (US Embassy, Israeli forces). */
  short: string;
  forms: string[];
  adjectives: string[];
}

/** A kind of organisation or installation that takes a country (US Embassy, American forces). */
export interface HeadEntry {
  /** Name once composed, after the country's short form ("Embassy" → "US Embassy"). */
  name: string;
  forms: string[];
  /** The organisation this epithet always means ("embassy of evil" → US Embassy). */
  country?: string;
}

export interface PlaceEntry {
  name: string;
  forms: string[];
}

export const countries: CountryEntry[] = [
  {
    name: 'United States', short: 'US',
    forms: ['United States', 'United States of America', 'USA', 'U S A', 'US', 'America', 'Washington', 'N-USA', 'Non-United States', 'Great Satan',
      'الولايات المتحدة', 'الولايات المتحدة الأمريكية', 'الولايات غير المتحدة', 'الولايات غير المتحدة الأمريكية', 'أمريكا', 'أميركا', 'واشنطن', 'الشيطان الأكبر',
      'آمریکا', 'امریکا', 'ایالات متحده', 'ایالات متحده آمریکا', 'ایالات نامتحده', 'شیطان بزرگ', 'واشنگتن',
      'امریکہ', 'امریکا', 'ریاستہائے متحدہ', 'بڑا شیطان',
      'États-Unis', 'Etats-Unis', 'Amérique', 'États non-Unis'],
    adjectives: ['American', 'Americans', 'U S', 'Yankee*', 'الأمريكي', 'الأمريكية', 'الأمريكيين', 'الأمريكيون', 'الأمريكان', 'الأميركي', 'الأميركية', 'أمريكي', 'أمريكية', 'أمريكيين', 'الامريكان',
      'آمریکایی', 'آمریکایی‌ها', 'امریکی', 'امریکیوں', 'américain', 'américaine', 'américains'],
  },
  {
    name: 'Israel', short: 'Israeli',
    forms: ['Israel', 'Zionist entity', 'Tel Aviv', 'إسرائيل', 'الكيان الصهيوني', 'الكيان', 'تل أبيب', 'اسرائیل', 'رژیم صهیونیستی', 'رژیم اشغالگر قدس', 'تل‌آویو', 'اسرائیل', 'صیہونی ریاست', 'Israël'],
    adjectives: ['Israeli', 'Israelis', 'Zionist', 'Zionists', 'الإسرائيلي', 'الإسرائيلية', 'الصهيوني', 'الصهيونية', 'الصهاينة', 'صهیونیست*', 'صهیونیستی', 'اسرائیلی', 'صیہونی', 'israélien', 'israélienne', 'sioniste'],
  },
  {
    name: 'United Kingdom', short: 'UK',
    forms: ['United Kingdom', 'UK', 'Britain', 'London', 'بريطانيا', 'المملكة المتحدة', 'لندن', 'بریتانیا', 'انگلیس', 'لندن', 'برطانیہ', 'Royaume-Uni'],
    adjectives: ['British', 'البريطاني', 'البريطانية', 'البريطانيين', 'بریتانیایی', 'انگلیسی', 'برطانوی', 'britannique'],
  },
  {
    name: 'France', short: 'French',
    forms: ['France', 'Paris', 'فرنسا', 'باريس', 'فرانسه', 'پاریس', 'فرانس'],
    adjectives: ['French', 'الفرنسي', 'الفرنسية', 'فرانسوی', 'فرانسیسی', 'français', 'française'],
  },
  { name: 'Saudi Arabia', short: 'Saudi', forms: ['Saudi Arabia', 'Riyadh', 'السعودية', 'الرياض', 'عربستان', 'سعودی عرب'], adjectives: ['Saudi', 'السعودي', 'سعودی'] },
  { name: 'Iran', short: 'Iranian', forms: ['Iran', 'Tehran', 'إيران', 'طهران', 'ایران', 'تهران'], adjectives: ['Iranian', 'الإيراني', 'الإيرانية', 'ایرانی'] },
  { name: 'Pakistan', short: 'Pakistani', forms: ['Pakistan', 'Islamabad', 'باكستان', 'پاکستان', 'اسلام آباد'], adjectives: ['Pakistani', 'الباكستاني', 'پاکستانی'] },
  { name: 'India', short: 'Indian', forms: ['India', 'New Delhi', 'الهند', 'هند', 'بھارت', 'ہندوستان'], adjectives: ['Indian', 'الهندي', 'هندی', 'بھارتی'] },
  { name: 'China', short: 'Chinese', forms: ['China', 'Beijing', 'الصين', 'چین'], adjectives: ['Chinese', 'الصيني', 'چینی'] },
  { name: 'Turkey', short: 'Turkish', forms: ['Turkey', 'Türkiye', 'Ankara', 'تركيا', 'ترکیه', 'ترکی'], adjectives: ['Turkish', 'التركي', 'التركية', 'ترک', 'ترکی'] },
  { name: 'Germany', short: 'German', forms: ['Germany', 'Berlin', 'ألمانيا', 'آلمان', 'جرمنی', 'Allemagne'], adjectives: ['German', 'الألماني', 'آلمانی', 'جرمن', 'allemand'] },
  { name: 'Russia', short: 'Russian', forms: ['Russia', 'Moscow', 'روسيا', 'روسیه', 'روس', 'Russie'], adjectives: ['Russian', 'الروسي', 'روسی', 'russe'] },
];

export const heads: HeadEntry[] = [
  { name: 'Embassy', forms: ['embassy', 'embassies', 'سفارة', 'سفارات', 'السفارة', 'سفارت', 'سفارتخانه', 'سفارت‌خانه', 'سفارتخانے', 'ambassade'] },
  { name: 'Embassy', country: 'United States', forms: ['embassy of evil', 'den of espionage', 'den of spies', 'سفارة الشر', 'وكر التجسس', 'لانه جاسوسی', 'سفارت شر'] },
  { name: 'consulate', forms: ['consulate', 'قنصلية', 'القنصلية', 'کنسولگری', 'قونصل خانہ', 'consulat'] },
  { name: 'forces', forms: ['forces', 'troops', 'soldiers', 'army', 'military', 'occupier', 'occupiers', 'occupation', 'occupation forces', 'قوات', 'القوات', 'جنود', 'الجنود', 'جيش', 'الجيش', 'المحتل', 'الاحتلال', 'المحتلين', 'قوات الاحتلال', 'نیروهای', 'نیروها', 'سربازان', 'ارتش', 'اشغالگر', 'اشغالگران', 'افواج', 'فوج', 'فوجی', 'قابض', 'قابض افواج', 'soldats', 'troupes', 'occupant'] },
  { name: 'base', forms: ['base', 'bases', 'قاعدة', 'القاعدة العسكرية', 'قواعد', 'پایگاه', 'پایگاه‌های', 'اڈے', 'اڈوں', 'base militaire'] },
  { name: 'coalition forces', forms: ['coalition', 'التحالف', 'ائتلاف', 'اتحادی', 'coalition internationale'] },
];

export const places: PlaceEntry[] = [
  { name: 'Iraq', forms: ['Iraq', 'العراق', 'عراق', 'أرض العراق', 'Irak'] },
  { name: 'Baghdad', forms: ['Baghdad', 'بغداد', 'Bagdad'] },
  { name: 'Baghdad airport', forms: ['Baghdad airport', 'Baghdad International Airport', 'مطار بغداد', 'مطار بغداد الدولي', 'فرودگاه بغداد'] },
  { name: 'Erbil', forms: ['Erbil', 'أربيل', 'اربیل'] },
  { name: 'Syria', forms: ['Syria', 'سوريا', 'سورية', 'سوریه', 'شام', 'Syrie'] },
  { name: 'Lebanon', forms: ['Lebanon', 'لبنان', 'Liban'] },
  { name: 'Yemen', forms: ['Yemen', 'اليمن', 'یمن', 'Yémen'] },
  { name: 'Gaza', forms: ['Gaza', 'غزة', 'غزه'] },
  { name: 'Kabul', forms: ['Kabul', 'كابل', 'کابل'] },
  { name: 'Afghanistan', forms: ['Afghanistan', 'أفغانستان', 'افغانستان'] },
  { name: 'Karachi', forms: ['Karachi', 'كراتشي', 'کراچی'] },
  { name: 'Quetta', forms: ['Quetta', 'کوئٹہ'] },
  { name: 'Balochistan', forms: ['Balochistan', 'بلوچستان'] },
  { name: 'Peshawar', forms: ['Peshawar', 'پشاور'] },
  { name: 'Lahore', forms: ['Lahore', 'لاہور'] },
  { name: 'Gulf', forms: ['the Gulf', 'الخليج', 'خلیج فارس'] },
  { name: 'Red Sea', forms: ['Red Sea', 'البحر الأحمر', 'دریای سرخ'] },
  // Cities, provinces and sites of the region in the news of its conflicts; forms that are also
  // everyday words are left out or qualified (صور pictures, عدن Eden, الرياض gardens, قم stand up).
  { name: 'Basra', forms: ['Basra', 'Basrah', 'البصرة', 'بصره', 'بصرہ'] },
  { name: 'Mosul', forms: ['Mosul', 'الموصل', 'موصل'] },
  { name: 'Kirkuk', forms: ['Kirkuk', 'كركوك', 'کرکوک'] },
  { name: 'Najaf', forms: ['Najaf', 'النجف', 'نجف'] },
  { name: 'Karbala', forms: ['Karbala', 'Kerbala', 'كربلاء', 'کربلا'] },
  { name: 'Fallujah', forms: ['Fallujah', 'Falluja', 'الفلوجة', 'فلوجه', 'فلوجہ'] },
  { name: 'Ramadi', forms: ['Ramadi', 'الرمادي', 'رمادی'] },
  { name: 'Tikrit', forms: ['Tikrit', 'تكريت', 'تکریت'] },
  { name: 'Samarra', forms: ['Samarra', 'سامراء', 'سامرا'] },
  { name: 'Sulaymaniyah', forms: ['Sulaymaniyah', 'Sulaimaniyah', 'السليمانية', 'سلیمانیه'] },
  { name: 'Anbar', forms: ['Anbar', 'الأنبار', 'الانبار', 'انبار'] },
  { name: 'Diyala', forms: ['Diyala', 'ديالى', 'دیالی'] },
  { name: 'Nineveh', forms: ['Nineveh', 'Ninawa', 'نينوى', 'نینوا'] },
  { name: 'Ain al-Asad air base', forms: ['Ain al-Asad', 'Ain al Asad', 'عين الأسد', 'عين الاسد', 'عین الاسد'] },
  { name: 'Green Zone', forms: ['Green Zone', 'المنطقة الخضراء', 'منطقه سبز'] },
  { name: 'Damascus', forms: ['Damascus', 'دمشق', 'Damas'] },
  { name: 'Aleppo', forms: ['Aleppo', 'حلب', 'Alep'] },
  { name: 'Deir ez-Zor', forms: ['Deir ez-Zor', 'Deir ez Zor', 'Deir al-Zour', 'دير الزور', 'دیرالزور', 'دیر الزور'] },
  { name: 'Idlib', forms: ['Idlib', 'إدلب', 'ادلب'] },
  { name: 'Raqqa', forms: ['Raqqa', 'الرقة', 'رقه'] },
  { name: 'Hasakah', forms: ['Hasakah', 'Hasaka', 'الحسكة', 'حسکه'] },
  { name: 'Daraa', forms: ['Daraa', 'درعا'] },
  { name: 'Latakia', forms: ['Latakia', 'اللاذقية', 'لاذقیه'] },
  { name: 'Al-Tanf', forms: ['al-Tanf', 'Tanf', 'التنف'] },
  { name: 'Beirut', forms: ['Beirut', 'بيروت', 'بیروت', 'Beyrouth'] },
  { name: 'Sidon', forms: ['Sidon', 'صيدا'] },
  { name: 'Baalbek', forms: ['Baalbek', 'بعلبك', 'بعلبک'] },
  { name: 'Sanaa', forms: ['Sanaa', "Sana'a", 'صنعاء', 'صنعا'] },
  { name: 'Aden', forms: ['Aden', 'مدينة عدن'] },
  { name: 'Hodeidah', forms: ['Hodeidah', 'Hudaydah', 'ميناء الحديدة', 'محافظة الحديدة', 'حدیده'] },
  { name: 'Marib', forms: ['Marib', 'محافظة مأرب', 'مدينة مأرب'] },
  { name: 'Jerusalem', forms: ['Jerusalem', 'القدس', 'بيت المقدس', 'قدس', 'بیت المقدس', 'یروشلم', 'Jérusalem'] },
  { name: 'Tel Aviv', forms: ['Tel Aviv', 'تل أبيب', 'تل ابيب', 'تل‌آویو', 'تل آویو', 'تل ابیب'] },
  { name: 'Haifa', forms: ['Haifa', 'حيفا', 'حیفا'] },
  { name: 'West Bank', forms: ['West Bank', 'الضفة الغربية', 'کرانه باختری', 'مغربی کنارہ', 'Cisjordanie'] },
  { name: 'Rafah', forms: ['Rafah', 'رفح'] },
  { name: 'Khan Younis', forms: ['Khan Younis', 'Khan Yunis', 'خان يونس', 'خان یونس'] },
  { name: 'Jenin', forms: ['Jenin', 'جنين', 'جنین'] },
  { name: 'Tehran', forms: ['Tehran', 'Téhéran', 'طهران', 'تهران', 'تہران'] },
  { name: 'Isfahan', forms: ['Isfahan', 'أصفهان', 'اصفهان'] },
  { name: 'Mashhad', forms: ['Mashhad', 'مشهد'] },
  { name: 'Zahedan', forms: ['Zahedan', 'زاهدان'] },
  { name: 'Ahvaz', forms: ['Ahvaz', 'Ahwaz', 'الأحواز', 'الاحواز', 'اهواز'] },
  { name: 'Tabriz', forms: ['Tabriz', 'تبريز', 'تبریز'] },
  { name: 'Kandahar', forms: ['Kandahar', 'قندهار', 'قندھار'] },
  { name: 'Herat', forms: ['Herat', 'هرات', 'ہرات'] },
  { name: 'Jalalabad', forms: ['Jalalabad', 'جلال آباد', 'جلال‌آباد', 'جلال اباد'] },
  { name: 'Mazar-i-Sharif', forms: ['Mazar-i-Sharif', 'Mazar-e Sharif', 'مزار شريف', 'مزار شریف'] },
  { name: 'Kunduz', forms: ['Kunduz', 'قندوز'] },
  { name: 'Helmand', forms: ['Helmand', 'هلمند', 'ہلمند'] },
  { name: 'Nangarhar', forms: ['Nangarhar', 'ننگرهار', 'ننگرہار'] },
  { name: 'Islamabad', forms: ['Islamabad', 'إسلام آباد', 'اسلام آباد', 'اسلام‌آباد'] },
  { name: 'Rawalpindi', forms: ['Rawalpindi', 'راولپنڈی', 'راولپندی'] },
  { name: 'Waziristan', forms: ['Waziristan', 'وزيرستان', 'وزیرستان'] },
  { name: 'Swat', forms: ['Swat valley', 'وادی سوات', 'سوات'] },
  { name: 'Gwadar', forms: ['Gwadar', 'گوادر'] },
  { name: 'Kashmir', forms: ['Kashmir', 'كشمير', 'کشمیر', 'Cachemire'] },
  { name: 'Riyadh', forms: ['Riyadh', 'Riyad', 'مدينة الرياض', 'ریاض'] },
  { name: 'Abu Dhabi', forms: ['Abu Dhabi', 'أبوظبي', 'أبو ظبي', 'ابوظبی', 'ابوظہبی'] },
  { name: 'Dubai', forms: ['Dubai', 'دبي', 'دبی', 'دبئی', 'Dubaï'] },
  { name: 'Doha', forms: ['Doha', 'الدوحة', 'دوحه', 'دوحہ'] },
  { name: 'Kuwait', forms: ['Kuwait', 'الكويت', 'کویت', 'Koweït'] },
  { name: 'Bahrain', forms: ['Bahrain', 'البحرين', 'بحرین', 'Bahreïn'] },
  { name: 'Strait of Hormuz', forms: ['Strait of Hormuz', 'Hormuz', 'مضيق هرمز', 'تنگه هرمز', 'آبنائے ہرمز', 'détroit d’Ormuz'] },
  { name: 'Cairo', forms: ['Cairo', 'القاهرة', 'قاهره', 'قاہرہ', 'Le Caire'] },
  { name: 'Sinai', forms: ['Sinai', 'سيناء', 'سینا', 'Sinaï'] },
  { name: 'Libya', forms: ['Libya', 'ليبيا', 'لیبی', 'لیبیا', 'Libye'] },
  { name: 'Benghazi', forms: ['Benghazi', 'بنغازي', 'بنغازی'] },
  { name: 'Mogadishu', forms: ['Mogadishu', 'مقديشو', 'موگادیشو'] },
  { name: 'Somalia', forms: ['Somalia', 'الصومال', 'سومالی', 'صومالیہ', 'Somalie'] },
];
